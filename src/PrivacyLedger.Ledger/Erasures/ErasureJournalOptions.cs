namespace PrivacyLedger.Ledger.Erasures;

/// <summary><c>Ledger:ErasureJournal:*</c>.</summary>
public sealed class ErasureJournalOptions
{
    /// <summary>
    /// The journal file: outside the database, so that a restore of the database does not roll it back. The gateway
    /// defaults it to a file in its data directory beside the SQLite database. The folder is created if missing.
    /// </summary>
    public string Path { get; set; } = "";
}
