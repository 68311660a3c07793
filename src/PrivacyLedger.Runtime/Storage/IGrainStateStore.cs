namespace PrivacyLedger.Runtime.Storage;

/// <summary>
/// Durable grain state with optimistic concurrency. The contract every storage provider implements
/// and the shared contract test suite checks:
/// <list type="bullet">
/// <item>A grain that was never written reads as <c>null</c>. Versions start at 1 and grow by one per write.</item>
/// <item>A write carries the version it read (0 for "no record"); it succeeds only if storage still holds
/// exactly that version, else it is a conflict and changes nothing.</item>
/// <item>A clear (null payload) keeps a tombstone with the next version, so a stale writer can never
/// bring cleared state back.</item>
/// <item>The writes of one batch are independent (one conflict does not fail the others), results come
/// back in the order of the writes, and every successful write is durable when the task completes.
/// A batch never holds the same grain twice.</item>
/// </list>
/// </summary>
public interface IGrainStateStore
{
    Task<StoredGrainState?> ReadAsync(GrainId grainId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StateWriteResult>> WriteAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken = default);
}

/// <summary>A stored state: its payload (null for a cleared tombstone) and its version.</summary>
public sealed record StoredGrainState(byte[]? Payload, long Version);

/// <summary>One write: the grain, the version read before it (0: none), the new payload (null: clear).</summary>
public sealed record StateWrite(GrainId GrainId, long ExpectedVersion, byte[]? Payload);

/// <summary>The outcome of one write: the new version, or a conflict.</summary>
public readonly record struct StateWriteResult(bool IsConflict, long Version)
{
    public static StateWriteResult Written(long version) => new(false, version);
    public static readonly StateWriteResult Conflict = new(true, 0);
}
