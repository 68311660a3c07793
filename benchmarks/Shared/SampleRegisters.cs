namespace PrivacyLedger.Benchmarks.Shared;

/// <summary>The repository's samples/registers folder, found above the running build. Shared by the benchmark projects.</summary>
internal static class SampleRegisters
{
    public static string FindFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "samples", "registers");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("samples/registers not found above " + AppContext.BaseDirectory);
    }
}
