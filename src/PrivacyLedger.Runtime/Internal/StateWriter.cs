using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using PrivacyLedger.Runtime.Storage;

namespace PrivacyLedger.Runtime.Internal;

/// <summary>
/// Group commit. Writes from all activations queue here; one loop takes whatever has arrived (up to the
/// batch size) and sends it to storage as one round trip, while a bounded number of earlier batches are
/// still in flight. A caller's task completes only after storage has said its write is durable, so no
/// call is acknowledged before its state is safe. Under light load a batch holds one write and adds no delay.
/// </summary>
internal sealed class StateWriter : IAsyncDisposable
{
    private readonly IGrainStateStore _store;
    private readonly ILogger _logger;
    private readonly int _maxBatchSize;
    private readonly SemaphoreSlim _slots;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private readonly RuntimeMetrics _metrics;

    public StateWriter(IGrainStateStore store, GrainRuntimeOptions options, RuntimeMetrics metrics, ILogger logger)
    {
        _store = store;
        _logger = logger;
        _metrics = metrics;
        _maxBatchSize = Math.Max(1, options.MaxWriteBatchSize);
        _slots = new SemaphoreSlim(Math.Max(1, options.MaxConcurrentWriteBatches));
        _loop = Task.Run(RunAsync);
    }

    public Task<StateWriteResult> WriteAsync(StateWrite write)
    {
        var pending = new PendingWrite(write);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new GrainRuntimeStoppingException();
        }
        return pending.Completion.Task;
    }

    private async Task RunAsync()
    {
        var inFlight = new List<Task>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            await _slots.WaitAsync();
            var batch = new List<PendingWrite>(Math.Min(_maxBatchSize, 64));
            while (batch.Count < _maxBatchSize && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            if (batch.Count == 0)
            {
                _slots.Release();
                continue;
            }
            inFlight.RemoveAll(task => task.IsCompleted);
            inFlight.Add(FlushAsync(batch));
        }
        await Task.WhenAll(inFlight);
    }

    private async Task FlushAsync(List<PendingWrite> batch)
    {
        try
        {
            var writes = new StateWrite[batch.Count];
            for (var i = 0; i < writes.Length; i++)
            {
                writes[i] = batch[i].Write;
            }
            var results = await _store.WriteAsync(writes);
            _metrics.WriteBatchCompleted(batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(results[i]);
            }
        }
        catch (Exception exception)
        {
            // Nothing in the batch is acknowledged: each caller sees the failure and its turn fails.
            RuntimeLog.WriteBatchFailed(_logger, exception, batch.Count);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(exception);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Stops taking writes and waits until every queued write has been flushed.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private sealed class PendingWrite(StateWrite write)
    {
        public StateWrite Write { get; } = write;

        public TaskCompletionSource<StateWriteResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
