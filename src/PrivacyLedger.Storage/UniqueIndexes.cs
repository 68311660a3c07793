namespace PrivacyLedger.Storage;

/// <summary>Unique indexes the storage engines treat apart.</summary>
public static class UniqueIndexes
{
    /// <summary>
    /// Each subject's wrapped data key, keyed by subject id. Key material is kept in a table of its own: never beside the
    /// identifier index, so a copy, a grant or a scan of one is not a copy, grant or scan of the other.
    /// </summary>
    public const string DataKeys = "data-keys";
}
