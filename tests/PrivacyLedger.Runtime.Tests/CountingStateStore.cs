using PrivacyLedger.Storage;

namespace PrivacyLedger.Runtime.Tests;

/// <summary>Wraps a real store and counts its read and write round trips; a test can hold or fail the reads.</summary>
public sealed class CountingStateStore(IGrainStateStore inner) : IGrainStateStore
{
    private int _writeCalls;
    private int _singleReads;
    private int _readBatches;
    private int _largestReadBatch;
    private int _readBatchesToFail;

    public int WriteCalls => Volatile.Read(ref _writeCalls);

    /// <summary>Round trips of <see cref="ReadAsync"/>, one grain each.</summary>
    public int SingleReads => Volatile.Read(ref _singleReads);

    /// <summary>Round trips of <see cref="ReadManyAsync"/>.</summary>
    public int ReadBatches => Volatile.Read(ref _readBatches);

    public int LargestReadBatch => Volatile.Read(ref _largestReadBatch);

    /// <summary>While not completed, every batch read waits for it (after being counted).</summary>
    public TaskCompletionSource ReadsReleased { get; set; } = Released();

    /// <summary>The next this many batch reads fail.</summary>
    public void FailReadBatches(int count) => Volatile.Write(ref _readBatchesToFail, count);

    public Task<StoredGrainState?> ReadAsync(GrainKey grainId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _singleReads);
        return inner.ReadAsync(grainId, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredGrainState?>> ReadManyAsync(IReadOnlyList<GrainKey> grainIds, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _readBatches);
        int largest;
        while (grainIds.Count > (largest = Volatile.Read(ref _largestReadBatch)) && Interlocked.CompareExchange(ref _largestReadBatch, grainIds.Count, largest) != largest)
        {
        }
        await ReadsReleased.Task;
        if (Interlocked.Decrement(ref _readBatchesToFail) >= 0)
        {
            throw new IOException("storage unreachable (test)");
        }
        return await inner.ReadManyAsync(grainIds, cancellationToken);
    }

    public Task<IReadOnlyList<StateWriteResult>> WriteAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writeCalls);
        return inner.WriteAsync(writes, cancellationToken);
    }

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        released.SetResult();
        return released;
    }
}
