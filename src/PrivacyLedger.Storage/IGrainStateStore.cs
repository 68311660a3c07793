namespace PrivacyLedger.Storage;

/// <summary>
/// Durable grain state with optimistic concurrency. The contract every storage provider implements
/// and the shared contract test suite checks:
/// <list type="bullet">
/// <item>A grain that was never written reads as <c>null</c>. Versions start at 1 and grow by one per write.</item>
/// <item>A batch read answers in the order of the grains asked for, each exactly as a single read would (the latest
/// committed state, or <c>null</c>); a batch may name a grain more than once.</item>
/// <item>A write carries the version it read (0 for "no record"); it succeeds only if storage still holds
/// exactly that version, else it is a conflict and changes nothing.</item>
/// <item>A clear (null payload) keeps a tombstone with the next version, so a stale writer can never
/// bring cleared state back.</item>
/// <item>The writes of one batch are independent (one conflict does not fail the others), results come
/// back in the order of the writes, and every successful write is durable when the task completes.
/// A batch never holds the same grain twice.</item>
/// <item>A write's stream appends, set changes and index releases commit in the same transaction as the write, and only if it succeeds.</item>
/// </list>
/// </summary>
public interface IGrainStateStore
{
    Task<StoredGrainState?> ReadAsync(GrainKey grainId, CancellationToken cancellationToken = default);

    /// <summary>The states of many grains in one round trip, in the order asked for; null where a grain has none.</summary>
    Task<IReadOnlyList<StoredGrainState?>> ReadManyAsync(IReadOnlyList<GrainKey> grainIds, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StateWriteResult>> WriteAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken = default);
}

/// <summary>A stored state: its payload (null for a cleared tombstone) and its version.</summary>
public sealed record StoredGrainState(byte[]? Payload, long Version);

/// <summary>
/// One write: the grain, the version read before it (0: none), the new payload (null: clear), and what
/// must commit with it or not at all: events appended to streams, entries of ordered sets, and unique-index
/// keys given up. Derived data (a ledger, a register's member list, an identifier index) therefore never
/// disagrees with the state it came from.
/// </summary>
public sealed record StateWrite(GrainKey GrainKey, long ExpectedVersion, byte[]? Payload)
{
    public IReadOnlyList<StreamAppend> Appends { get; init; } = [];

    public IReadOnlyList<SetEntryChange> SetChanges { get; init; } = [];

    public IReadOnlyList<UniqueKeyRelease> IndexReleases { get; init; } = [];
}

/// <summary>An event appended to a stream at a sequence number the writer chose (the previous one + 1).</summary>
public sealed record StreamAppend(string StreamId, long Sequence, byte[] Payload);

/// <summary>An ordered-set entry to upsert, or to remove when <see cref="Payload"/> is null.</summary>
public sealed record SetEntryChange(string SetId, string Member, byte[]? Payload);

/// <summary>
/// A key of an <see cref="IUniqueIndexStore"/> index to remove with the write, as <see cref="IUniqueIndexStore.ReleaseAsync"/>
/// does: only while <see cref="Owner"/> still owns it (someone else's key stays), or whoever owns it when
/// <see cref="Owner"/> is null (a data key's destruction, whatever its wrapped form has become meanwhile).
/// </summary>
public sealed record UniqueKeyRelease(string Index, string Key, string? Owner);

/// <summary>The outcome of one write: the new version, or a conflict.</summary>
public readonly record struct StateWriteResult(bool IsConflict, long Version)
{
    public static StateWriteResult Written(long version) => new(false, version);
    public static readonly StateWriteResult Conflict = new(true, 0);
}
