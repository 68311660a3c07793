namespace PrivacyLedger.Storage.Postgres;

public sealed class PostgresStorageOptions
{
    /// <summary>An Npgsql connection string.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The schema holding every table; created and migrated at start-up.</summary>
    public string Schema { get; set; } = "ledger";

    /// <summary>Separates several services sharing one database; part of every grain's key.</summary>
    public string ServiceId { get; set; } = "privacy-ledger";
}
