using PrivacyLedger.Storage;
namespace PrivacyLedger.Runtime.Internal;

/// <summary>
/// The turn discipline of one activation: one exclusive turn at a time, or any number of read-only
/// turns together, granted first come first served so a stream of reads cannot starve a write.
/// The uncontended path takes a lock and returns a completed task: no allocation.
/// </summary>
internal sealed class TurnGate
{
    private readonly Lock _lock = new();
    private readonly Queue<Waiter> _waiters = new();
    private int _readers;
    private bool _writer;

    public bool IsIdle
    {
        get { lock (_lock) { return !_writer && _readers == 0 && _waiters.Count == 0; } }
    }

    public Task EnterAsync(bool shared, TimeSpan timeout, TimeProvider timeProvider)
    {
        Waiter waiter;
        lock (_lock)
        {
            if (_waiters.Count == 0 && !_writer && (shared || _readers == 0))
            {
                Take(shared);
                return Task.CompletedTask;
            }
            waiter = new Waiter(shared);
            _waiters.Enqueue(waiter);
        }
        return waiter.WaitAsync(timeout, timeProvider);
    }

    /// <summary>Takes an exclusive turn only if nobody holds or waits for one.</summary>
    public bool TryEnterExclusive()
    {
        lock (_lock)
        {
            if (_waiters.Count != 0 || _writer || _readers != 0)
            {
                return false;
            }
            _writer = true;
            return true;
        }
    }

    public void Exit(bool shared)
    {
        lock (_lock)
        {
            if (shared)
            {
                _readers--;
            }
            else
            {
                _writer = false;
            }
            GrantWaiting();
        }
    }

    private void Take(bool shared)
    {
        if (shared)
        {
            _readers++;
        }
        else
        {
            _writer = true;
        }
    }

    private void GrantWaiting()
    {
        while (_waiters.TryPeek(out var next) && !_writer && (next.Shared || _readers == 0))
        {
            _waiters.Dequeue();
            // A waiter whose timeout fired is skipped; one that is granted can no longer time out.
            if (next.TryGrant())
            {
                Take(next.Shared);
            }
        }
    }

    private sealed class Waiter(bool shared)
    {
        private readonly TaskCompletionSource _granted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Shared { get; } = shared;

        public bool TryGrant() => _granted.TrySetResult();

        public async Task WaitAsync(TimeSpan timeout, TimeProvider timeProvider)
        {
            try
            {
                await _granted.Task.WaitAsync(timeout, timeProvider);
            }
            catch (TimeoutException) when (_granted.TrySetCanceled())
            {
                throw;
            }
            catch (TimeoutException)
            {
                // Granted in the same instant as the timeout: the turn is ours and must be used (and released).
            }
        }
    }
}
