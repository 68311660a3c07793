namespace PrivacyLedger.Storage;

/// <summary>
/// Append-only event streams, written only through <see cref="StateWrite.Appends"/> (so events and the state
/// they belong to commit together) and read here. A stream never loses an event; sequence numbers start
/// at 1 and have no gaps.
/// </summary>
public interface IEventStreamStore
{
    /// <summary>Events with a sequence number above <paramref name="afterSequence"/>, in order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredStreamEvent>> ReadAsync(string streamId, long afterSequence, int limit, CancellationToken cancellationToken = default);
}

public sealed record StoredStreamEvent(long Sequence, byte[] Payload);

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
/// per-subject data keys. An owner can release its key; nobody else can take or change it.
/// </summary>
public interface IUniqueIndexStore
{
    /// <summary>Claims each key for <paramref name="owner"/> unless someone owns it already; returns each key's owner afterwards.</summary>
    Task<IReadOnlyDictionary<string, string>> ClaimAsync(string index, IReadOnlyCollection<string> keys, string owner, CancellationToken cancellationToken = default);

    /// <summary>The owners of those keys that have one.</summary>
    Task<IReadOnlyDictionary<string, string>> GetAsync(string index, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Removes the keys still owned by <paramref name="owner"/>; returns how many were removed.</summary>
    Task<int> ReleaseAsync(string index, IReadOnlyCollection<string> keys, string owner, CancellationToken cancellationToken = default);
}
