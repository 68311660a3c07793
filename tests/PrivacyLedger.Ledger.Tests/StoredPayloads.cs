namespace PrivacyLedger.Ledger.Tests;

/// <summary>Payloads exactly as an earlier version stored them (TestData/StoredBeforeBinary), bytes unchanged.</summary>
internal static class StoredPayloads
{
    public static byte[] Read(string file) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "StoredBeforeBinary", file));
}
