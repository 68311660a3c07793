using System.Diagnostics;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>PostgreSQL's client tools (pg_dump, psql) from the server's installation, against a test cluster on loopback.</summary>
internal static class PostgresTools
{
    public static async Task RunAsync(string tool, int port, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(BinDirectory(), tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", "postgres", "--dbname", "postgres" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} exited with {process.ExitCode}: {await error}{await output}");
    }

    /// <summary>PG_BIN, else the newest /usr/lib/postgresql/N/bin, as the test clusters themselves are started from.</summary>
    private static string BinDirectory() =>
        Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } configured ? configured
            : Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "pg_dump")))
                .MaxBy(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
            ?? throw new InvalidOperationException("No PostgreSQL binaries under /usr/lib/postgresql and PG_BIN is not set.");
}
