using PrivacyLedger.Storage;
namespace PrivacyLedger.Runtime.Internal;

/// <summary>
/// A timer whose callback runs as an exclusive turn of its activation. It is re-armed only after a
/// callback finishes, so ticks never overlap, and it stops with the activation.
/// </summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly Activation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly TimeSpan _period;
    private readonly CancellationTokenSource _disposed = new();
    private ITimer? _timer;

    public GrainTimer(Activation activation, Func<CancellationToken, Task> callback, TimeSpan period)
    {
        _activation = activation;
        _callback = callback;
        _period = period;
    }

    public void Start(TimeSpan dueTime) =>
        _timer = _activation.Runtime.TimeProvider.CreateTimer(static state => ((GrainTimer)state!).Fire(), this, dueTime, Timeout.InfiniteTimeSpan);

    private void Fire() => _ = TickAsync();

    private async Task TickAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }
        await _activation.Runtime.RunTimerTickAsync(_activation, _callback, _disposed.Token);
        if (!_disposed.IsCancellationRequested && _period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero)
        {
            _timer?.Change(_period, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }
        _disposed.Cancel();
        _timer?.Dispose();
        _activation.RemoveTimer(this);
    }
}
