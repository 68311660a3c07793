using System.Diagnostics;

namespace PrivacyLedger.LoadTest.Hosting;

/// <summary>What a command-line tool printed, and how it ended.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Errors);

/// <summary>Runs a command-line tool (psql, pgbench, perf, git, kill) to its end, reading both of its streams.</summary>
internal static class Tool
{
    public static async Task<ToolResult> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new ToolResult(process.ExitCode, await output, await errors);
    }

    /// <summary>As <see cref="RunAsync"/>, and a failure is an exception naming the tool and what it said.</summary>
    public static async Task<ToolResult> RunCheckedAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = await RunAsync(program, arguments, cancellationToken, environment);
        return result.ExitCode == 0 ? result
            : throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {result.ExitCode}:\n{result.Errors}{result.Output}");
    }
}
