namespace PrivacyLedger.Storage.Sqlite;

public sealed class SqliteStorageOptions
{
    /// <summary>The database file; its folder is created if missing.</summary>
    public string DatabasePath { get; set; } = Path.Combine("data", "ledger.db");

    /// <summary>Separates several services sharing one file; part of every grain's key.</summary>
    public string ServiceId { get; set; } = "privacy-ledger";
}
