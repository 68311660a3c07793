using PrivacyLedger.Runtime.Storage;

namespace PrivacyLedger.Runtime.Tests;

/// <summary>Wraps a real store and counts its write round trips.</summary>
public sealed class CountingStateStore(IGrainStateStore inner) : IGrainStateStore
{
    private int _writeCalls;

    public int WriteCalls => Volatile.Read(ref _writeCalls);

    public Task<StoredGrainState?> ReadAsync(PrivacyLedger.Runtime.GrainId grainId, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(grainId, cancellationToken);

    public Task<IReadOnlyList<StateWriteResult>> WriteAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writeCalls);
        return inner.WriteAsync(writes, cancellationToken);
    }
}
