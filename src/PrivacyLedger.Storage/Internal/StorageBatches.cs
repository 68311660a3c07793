using PrivacyLedger.Storage;
namespace PrivacyLedger.Runtime.Internal;

/// <summary>
/// The runtime's batched storage round trips: group commit for state writes, and the same for the reads of
/// activations. Requests of many activations that arrive together go to storage as one call (up to the batch
/// size) while a bounded number of earlier batches are still in flight; under light load a batch holds one
/// request and adds no delay. A write is acknowledged only after storage says it is durable; a read is sent only
/// after it was asked for, so it sees every write committed before that, as a single read would. If a batch
/// fails, every caller in it fails and none is acknowledged.
/// </summary>
internal sealed class StorageBatches<TRequest, TResult>
{
    private readonly BatchCoalescer<TRequest, TResult> _batches;

    /// <param name="send">The store's batch call.</param>
    /// <param name="completed">Told each completed batch's size (the metric).</param>
    /// <param name="failed">Told each failed batch (the log).</param>
    public StorageBatches(
        Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> send,
        int maxBatchSize,
        int maxConcurrentBatches,
        Action<int> completed,
        Action<Exception, int> failed)
    {
        _batches = new(async requests =>
        {
            try
            {
                var results = await send(requests);
                completed(requests.Count);
                return results;
            }
            catch (Exception exception)
            {
                failed(exception, requests.Count);
                throw;
            }
        }, maxBatchSize, maxConcurrentBatches);
    }

    /// <summary>Completes with this request's result once its batch has; refused once the runtime has stopped.</summary>
    public Task<TResult> SendAsync(TRequest request) =>
        _batches.TrySubmit(request, out var result) ? result : throw new GrainRuntimeStoppingException();

    /// <summary>Stops taking requests and waits until every queued one has been sent and answered.</summary>
    public Task CloseAsync() => _batches.CloseAsync();
}
