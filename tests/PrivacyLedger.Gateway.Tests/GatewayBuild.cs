namespace PrivacyLedger.Gateway.Tests;

/// <summary>Where the repository and the gateway's build output are, for tests that run them as a user would.</summary>
internal static class GatewayBuild
{
    /// <summary>The repository's root: the folder above the tests holding PrivacyLedger.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string ProjectFolder => Path.Combine(Root, "src", "PrivacyLedger.Gateway");

    /// <summary>The gateway as built with this test project (same configuration), which references it.</summary>
    public static string Dll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(ProjectFolder, "bin", configuration, "net10.0", "PrivacyLedger.Gateway.dll");
        }
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PrivacyLedger.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("PrivacyLedger.sln not found above " + AppContext.BaseDirectory);
    }
}
