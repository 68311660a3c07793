namespace PrivacyLedger.Storage;

/// <summary>Unique indexes the storage engines treat apart.</summary>
public static class UniqueIndexes
{
    /// <summary>
    /// Each subject's wrapped data key, keyed by subject id. Key material is kept in a table of its own: never beside the
    /// identifier index, so a copy, a grant or a scan of one is not a copy, grant or scan of the other.
    /// </summary>
    public const string DataKeys = "data-keys";

    /// <summary>
    /// Identifier hashes, each owned by a subject id. The engines promise only keys and owners of exactly
    /// <see cref="FixedWidthHexLength"/> lower-case hex characters here (PostgreSQL stores them in fixed-width rows) and
    /// refuse any other with an <see cref="ArgumentException"/> (<see cref="EnsureFixedWidth"/>).
    /// </summary>
    public const string Identifiers = "identifiers";

    /// <summary>The length of a key or owner of a fixed-width index: 16 bytes as lower-case hex.</summary>
    public const int FixedWidthHexLength = 32;

    /// <summary>Whether an index holds only keys and owners of <see cref="FixedWidthHexLength"/> lower-case hex characters.</summary>
    public static bool IsFixedWidth(string index) => index == Identifiers;

    /// <summary>
    /// Refuses a key or owner of another shape for a fixed-width index; any value for another index passes. The message
    /// names the index, never the value: a value may be personal.
    /// </summary>
    public static void EnsureFixedWidth(string index, IEnumerable<string> keys, params ReadOnlySpan<string?> more)
    {
        if (!IsFixedWidth(index))
        {
            return;
        }
        foreach (var key in keys)
        {
            Ensure(index, key);
        }
        foreach (var owner in more)
        {
            if (owner is not null)
            {
                Ensure(index, owner);
            }
        }
    }

    /// <summary>Refuses, as <see cref="EnsureFixedWidth(string, IEnumerable{string}, ReadOnlySpan{string?})"/> does, the writes' index releases.</summary>
    public static void EnsureFixedWidth(IReadOnlyList<StateWrite> writes)
    {
        foreach (var write in writes)
        {
            foreach (var release in write.IndexReleases)
            {
                EnsureFixedWidth(release.Index, [], release.Key, release.Owner);
            }
        }
    }

    private static void Ensure(string index, string value)
    {
        if (value.Length != FixedWidthHexLength || !CompactKey.IsLowerHex(value))
        {
            throw new ArgumentException(
                $"The unique index '{index}' holds keys and owners of {FixedWidthHexLength} lower-case hex characters only; a key or owner of another shape was given.");
        }
    }
}
