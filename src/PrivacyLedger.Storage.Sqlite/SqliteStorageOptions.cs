namespace PrivacyLedger.Storage.Sqlite;

public sealed class SqliteStorageOptions
{
    /// <summary>The database file; its folder is created if missing.</summary>
    public string DatabasePath { get; set; } = Path.Combine("data", "ledger.db");

    /// <summary>The service (Orleans ServiceId) whose data the file holds: one per file, recorded by the first start, checked by every other.</summary>
    public string ServiceId { get; set; } = "privacy-ledger";
}
