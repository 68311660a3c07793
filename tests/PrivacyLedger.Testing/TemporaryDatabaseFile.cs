namespace PrivacyLedger.Testing;

/// <summary>A SQLite file path in a folder of its own, deleted (with its WAL files) on dispose.</summary>
public sealed class TemporaryDatabaseFile : IDisposable
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"privacyledger-sqlite-{Guid.NewGuid():N}");

    public string Path => System.IO.Path.Combine(_directory, "ledger.db");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
