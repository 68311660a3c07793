namespace PrivacyLedger.Storage;

/// <summary>
/// Append-only event streams, written only through <see cref="StateWrite.Appends"/> (so events and the state
/// they belong to commit together) and read here. A stream never loses an event; sequence numbers start
/// at 1 and have no gaps.
/// </summary>
public interface IEventStreamStore
{
    /// <summary>
    /// Events with a sequence number above <paramref name="afterSequence"/>, in order, at most <paramref name="limit"/>,
    /// each with the payload of the event just before it (<see cref="StoredStreamEvent.Previous"/>): a chained stream's
    /// rows need not repeat what the row before them holds. The first event's predecessor is read with the page.
    /// </summary>
    Task<IReadOnlyList<StoredStreamEvent>> ReadAsync(string streamId, long afterSequence, int limit, CancellationToken cancellationToken = default);
}

/// <param name="Previous">The payload of the event at <c>Sequence - 1</c>; null for the first event, or when that row is missing.</param>
public sealed record StoredStreamEvent(long Sequence, byte[] Payload, byte[]? Previous = null);

/// <summary>
/// Ordered sets of members with a payload each, for listings of millions (a register's members), written
/// through <see cref="StateWrite.SetChanges"/> and read here with keyset paging in ordinal member order.
/// </summary>
public interface IOrderedSetStore
{
    /// <summary>Members after <paramref name="afterMember"/> (ordinal order; null: from the start), at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<SetEntry>> ListAsync(string setId, string? afterMember, int limit, CancellationToken cancellationToken = default);

    Task<long> CountAsync(string setId, CancellationToken cancellationToken = default);
}

public sealed record SetEntry(string Member, byte[] Payload);

/// <summary>
/// Unique keys owned by a value, first writer wins: the identifier index (keyed hash → subject) and the
/// per-subject data keys. An owner can release its key; nobody else can take it. An owner's value changes only
/// by compare-and-swap (<see cref="ReplaceOwnersAsync"/>), as the re-wrap of data keys under a new master key does.
/// </summary>
public interface IUniqueIndexStore
{
    /// <summary>Claims each key for <paramref name="owner"/> unless someone owns it already; returns each key's owner afterwards.</summary>
    Task<IReadOnlyDictionary<string, string>> ClaimAsync(string index, IReadOnlyCollection<string> keys, string owner, CancellationToken cancellationToken = default);

    /// <summary>The owners of those keys that have one.</summary>
    Task<IReadOnlyDictionary<string, string>> GetAsync(string index, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the keys still owned by <paramref name="owner"/>, or whoever owns them when it is null (a data key is
    /// destroyed whatever its wrapped form has become meanwhile); returns how many were removed.
    /// </summary>
    Task<int> ReleaseAsync(string index, IReadOnlyCollection<string> keys, string? owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// The index's entries with a key after <paramref name="afterKey"/> (null: from the start) in the engine's stable
    /// key order, at most <paramref name="limit"/>: to walk a whole index a page at a time.
    /// </summary>
    Task<IReadOnlyList<IndexEntry>> ListAsync(string index, string? afterKey, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Compare-and-swap of owners, each key on its own: a key's owner becomes the new one only if it is still the
    /// expected one at commit (a key released or changed meanwhile stays as it is). A batch names a key at most once.
    /// Returns the keys that changed.
    /// </summary>
    Task<IReadOnlyCollection<string>> ReplaceOwnersAsync(string index, IReadOnlyList<OwnerReplacement> replacements, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many keys of the index there are per owner tag: the owner's text before its first ':' (empty when it has
    /// none). Counts only, computed by the engine, so a million keys are never read out to be counted.
    /// </summary>
    Task<IReadOnlyDictionary<string, long>> CountByOwnerTagAsync(string index, CancellationToken cancellationToken = default);
}

/// <summary>One key of a unique index and its owner.</summary>
public sealed record IndexEntry(string Key, string Owner);

/// <summary>A key's owner to change from <see cref="ExpectedOwner"/> to <see cref="NewOwner"/>, only if it is still the expected one.</summary>
public sealed record OwnerReplacement(string Key, string ExpectedOwner, string NewOwner);
