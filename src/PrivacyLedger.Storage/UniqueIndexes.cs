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
    /// refuse any other in a claim, read, owner swap or listing with an <see cref="ArgumentException"/>
    /// (<see cref="EnsureFixedWidth"/>); a release of another shape releases nothing it could not hold (<see cref="CanHold"/>).
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

    /// <summary>
    /// Whether the index can hold <paramref name="value"/> as a key or owner (null: no owner given). A release of a value it
    /// cannot hold releases nothing, and is not refused: an erasure of a subject whose id is of another shape (a grain
    /// addressed directly, data from before fixed-width claims) must not stop at the index it never had rows in.
    /// </summary>
    public static bool CanHold(string index, string? value) =>
        value is null || !IsFixedWidth(index) || value.Length == FixedWidthHexLength && CompactKey.IsLowerHex(value);

    private static void Ensure(string index, string value)
    {
        if (!CanHold(index, value))
        {
            throw new ArgumentException(
                $"The unique index '{index}' holds keys and owners of {FixedWidthHexLength} lower-case hex characters only; a key or owner of another shape was given.");
        }
    }
}
