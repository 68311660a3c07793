namespace PrivacyLedger.Cluster.Tests;

/// <summary>The four sample registers of the repository, loaded by every silo at start-up.</summary>
internal static class SampleRegisters
{
    public const string Corporate = "plusterveys-corporate";
    public const string Perhelaakarit = "perhelaakarit-customers";
    public const string PkTerveys = "pk-terveys-customers";
    public const string Elamasi = "elamasi-kunnossa-customers";

    public static string Folder { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "samples", "registers");
            if (File.Exists(Path.Combine(folder.FullName, "PrivacyLedger.sln")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("samples/registers not found above " + AppContext.BaseDirectory);
    }
}
