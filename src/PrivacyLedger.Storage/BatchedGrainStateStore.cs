using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PrivacyLedger.Storage;

/// <summary>
/// The system of record's front door for grain state: group commit for writes and its mirror for the reads of
/// activations. Requests of many grains that arrive together go to the engine's <see cref="IGrainStateStore"/> as
/// one round trip (up to the batch size) while a bounded number of earlier batches are in flight; under light load
/// a batch holds one request and adds no delay. A write is acknowledged only once storage says it is durable; a read
/// is sent only after it was asked for, so it sees every write committed before that. If a batch fails, every caller
/// in it fails and none is acknowledged.
/// </summary>
public sealed class BatchedGrainStateStore : IAsyncDisposable
{
    private readonly BatchCoalescer<StateWrite, StateWriteResult> _writes;
    private readonly BatchCoalescer<GrainKey, StoredGrainState?> _reads;

    public BatchedGrainStateStore(IGrainStateStore store, IOptions<BatchedStoreOptions> options, StorageMetrics metrics, ILogger<BatchedGrainStateStore> logger)
    {
        var settings = options.Value;
        _writes = new(Measured<StateWrite, StateWriteResult>(store.WriteAsync, metrics.WriteBatchCompleted, (e, n) => StorageLog.WriteBatchFailed(logger, e, n)),
            settings.MaxWriteBatchSize, settings.MaxConcurrentWriteBatches);
        _reads = new(Measured<GrainKey, StoredGrainState?>(store.ReadManyAsync, metrics.ReadBatchCompleted, (e, n) => StorageLog.ReadBatchFailed(logger, e, n)),
            settings.MaxReadBatchSize, settings.MaxConcurrentReadBatches);
    }

    /// <summary>The latest committed state of the grain, or null when it has none.</summary>
    public Task<StoredGrainState?> ReadAsync(GrainKey grain) =>
        _reads.TrySubmit(grain, out var result) ? result : throw Closed();

    /// <summary>Completes once the write is durable, or with a conflict when storage holds another version.</summary>
    public Task<StateWriteResult> WriteAsync(StateWrite write) =>
        _writes.TrySubmit(write, out var result) ? result : throw Closed();

    /// <summary>Stops taking requests and waits until every queued one has been sent and answered.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writes.CloseAsync();
        await _reads.CloseAsync();
    }

    /// <summary>One batch sent to the engine, with its size recorded when it succeeds and logged when it fails.</summary>
    private static Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> Measured<TRequest, TResult>(
        Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TResult>>> send, Action<int> completed, Action<Exception, int> failed) =>
        async requests =>
        {
            try
            {
                var results = await send(requests, CancellationToken.None);
                completed(requests.Count);
                return results;
            }
            catch (Exception exception)
            {
                failed(exception, requests.Count);
                throw;
            }
        };

    private static ObjectDisposedException Closed() => new(nameof(BatchedGrainStateStore), "Storage is shutting down and takes no new requests.");
}
