using System.Diagnostics.CodeAnalysis;

namespace PrivacyLedger.Storage;

/// <summary>
/// Sends requests that arrive together to storage as one batch, one round trip. A request starts a batch at once
/// while fewer than <c>maxConcurrentBatches</c> are in flight, so under light load a batch holds one request and
/// adds no delay; otherwise it waits and goes, with everything else that arrived meanwhile, as soon as a batch
/// completes. Each request is answered with its own result once its batch has completed; if the batch fails,
/// every request in it fails with that exception and none is answered otherwise.
/// </summary>
/// <remarks>The runtime uses it for state writes (group commit) and activation reads; the domain may use it for its own lookups.</remarks>
public sealed class BatchCoalescer<TRequest, TResult>
{
    private readonly Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> _send;
    private readonly int _maxBatchSize;
    private readonly int _maxConcurrentBatches;
    private readonly Queue<Pending> _queue = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource? _drained;
    private int _inFlight;

    /// <param name="send">Sends one batch; answers with one result per request, in the requests' order.</param>
    public BatchCoalescer(Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> send, int maxBatchSize, int maxConcurrentBatches)
    {
        _send = send;
        _maxBatchSize = Math.Max(1, maxBatchSize);
        _maxConcurrentBatches = Math.Max(1, maxConcurrentBatches);
    }

    /// <summary>Queues a request; false once <see cref="CloseAsync"/> was called.</summary>
    public bool TrySubmit(TRequest request, [NotNullWhen(true)] out Task<TResult>? result)
    {
        var pending = new Pending(request);
        lock (_lock)
        {
            if (_drained is not null)
            {
                result = null;
                return false;
            }
            _queue.Enqueue(pending);
        }
        StartBatches();
        result = pending.Completion.Task;
        return true;
    }

    /// <summary>Queues a request and completes with its result; throws <see cref="ObjectDisposedException"/> once closed.</summary>
    public Task<TResult> SubmitAsync(TRequest request) =>
        TrySubmit(request, out var result) ? result : throw new ObjectDisposedException(GetType().Name);

    /// <summary>Refuses new requests; completes once every request queued before has been sent and answered.</summary>
    public Task CloseAsync()
    {
        lock (_lock)
        {
            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_inFlight == 0 && _queue.Count == 0)
            {
                _drained.TrySetResult();
            }
            return _drained.Task;
        }
    }

    private void StartBatches()
    {
        while (true)
        {
            Pending[] batch;
            lock (_lock)
            {
                if (_inFlight >= _maxConcurrentBatches || _queue.Count == 0)
                {
                    return;
                }
                _inFlight++;
                batch = new Pending[Math.Min(_queue.Count, _maxBatchSize)];
                for (var i = 0; i < batch.Length; i++)
                {
                    batch[i] = _queue.Dequeue();
                }
            }
            // Off the submitter's path: a provider may do its work synchronously before its first await.
            _ = Task.Run(() => SendAsync(batch));
        }
    }

    private async Task SendAsync(Pending[] batch)
    {
        try
        {
            var requests = new TRequest[batch.Length];
            for (var i = 0; i < batch.Length; i++)
            {
                requests[i] = batch[i].Request;
            }
            var results = await _send(requests);
            if (results.Count != batch.Length)
            {
                throw new InvalidOperationException($"A batch of {batch.Length} requests was answered with {results.Count} results.");
            }
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i].Completion.TrySetResult(results[i]);
            }
        }
        catch (Exception exception)
        {
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(exception);
            }
        }
        finally
        {
            lock (_lock)
            {
                _inFlight--;
                if (_drained is not null && _inFlight == 0 && _queue.Count == 0)
                {
                    _drained.TrySetResult();
                }
            }
            StartBatches();
        }
    }

    private sealed class Pending(TRequest request)
    {
        public TRequest Request { get; } = request;

        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
