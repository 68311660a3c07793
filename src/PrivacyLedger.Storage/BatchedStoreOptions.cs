namespace PrivacyLedger.Storage;

/// <summary>How the batched store groups state reads and writes into storage round trips.</summary>
public sealed class BatchedStoreOptions
{
    /// <summary>The most state writes sent to storage in one round trip.</summary>
    public int MaxWriteBatchSize { get; set; } = 1_000;

    /// <summary>How many write batches may be in flight at once.</summary>
    public int MaxConcurrentWriteBatches { get; set; } = 2;

    /// <summary>The most state reads (activations loading their state) sent to storage in one round trip.</summary>
    public int MaxReadBatchSize { get; set; } = 1_000;

    /// <summary>How many read batches may be in flight at once.</summary>
    public int MaxConcurrentReadBatches { get; set; } = 2;
}
