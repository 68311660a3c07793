using System.Reflection;

namespace PrivacyLedger.LoadTest.Hosting;

/// <summary>Where the run finds what it starts and reads: the repository holding this build, the gateway's build output, the sample registers, the pgbench scripts.</summary>
internal sealed record RepositoryPaths(string Root)
{
    public string Registers => Path.Combine(Root, "samples", "registers");

    public string PgbenchScripts => Path.Combine(Root, "benchmarks", "pgbench");

    /// <summary>The gateway built with this project's configuration (the project reference builds it first).</summary>
    public string GatewayDirectory => Path.Combine(Root, "src", "PrivacyLedger.Gateway", "bin", BuildConfiguration, "net10.0");

    private static string BuildConfiguration =>
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "BuildConfiguration")?.Value ?? "Release";

    public static RepositoryPaths Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PrivacyLedger.sln")))
            {
                return new RepositoryPaths(folder.FullName);
            }
        }
        throw new DirectoryNotFoundException($"PrivacyLedger.sln not found above {AppContext.BaseDirectory}.");
    }
}
