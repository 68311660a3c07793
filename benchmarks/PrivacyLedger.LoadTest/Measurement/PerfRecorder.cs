using System.Globalization;
using System.Text.RegularExpressions;
using PrivacyLedger.LoadTest.Hosting;

namespace PrivacyLedger.LoadTest.Measurement;

/// <summary>
/// A CPU profile of the gateway and PostgreSQL over one measured window: <c>perf record</c> (cpu-clock sampling,
/// which works in a VM without hardware counters) of their processes, then <c>perf report</c> by process, library
/// and symbol into a text file. The gateway runs with DOTNET_PerfMapEnabled=1 so JIT-compiled methods have names.
/// </summary>
internal sealed partial class PerfRecorder(string workDirectory, TextWriter log)
{
    public async Task RecordAsync(string name, IReadOnlyList<int> pids, TimeSpan delay, TimeSpan duration, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        var data = Path.Combine(workDirectory, $"perf-{name}.data");
        await Tool.RunCheckedAsync("perf", ["record", "-e", "cpu-clock", "-F", "499", "-g", "-o", data, "-p", string.Join(',', pids),
            "--", "sleep", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture)], cancellationToken);
        var report = Path.Combine(workDirectory, $"perf-{name}.txt");
        // Where the time went by process and library, then by symbol, without call chains.
        var byLibrary = await Tool.RunCheckedAsync("perf", ["report", "-i", data, "--no-children", "--sort", "comm,dso", "-g", "none", "--stdio", "--percent-limit", "0.5"], cancellationToken);
        var everySymbol = await Tool.RunCheckedAsync("perf", ["report", "-i", data, "--no-children", "--sort", "comm,dso,sym", "-g", "none", "--stdio"], cancellationToken);
        var topSymbols = await Tool.RunCheckedAsync("perf", ["report", "-i", data, "--no-children", "--sort", "comm,dso,sym", "-g", "none", "--stdio", "--percent-limit", "0.3"], cancellationToken);
        await File.WriteAllTextAsync(report, ByModule(everySymbol.Output) + byLibrary.Output + topSymbols.Output, cancellationToken);
        log.WriteLine($"  profile: {report}");
    }

    /// <summary>
    /// The symbol report summed by module: each .NET assembly of JIT-compiled code on its own (the bracketed name
    /// before the method in the perf map), every native library or the kernel as one; the gateway's threads only.
    /// </summary>
    public static string ByModule(string symbolReport)
    {
        var shares = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in symbolReport.Split('\n'))
        {
            var match = SymbolLine().Match(line);
            if (!match.Success || !match.Groups["comm"].Value.StartsWith(".NET", StringComparison.Ordinal))
            {
                continue;
            }
            var module = match.Groups["dso"].Value.StartsWith("[JIT]", StringComparison.Ordinal) && Assembly().Match(match.Groups["sym"].Value) is { Success: true } assembly
                ? assembly.Groups[1].Value
                : match.Groups["dso"].Value;
            shares[module] = shares.GetValueOrDefault(module) + double.Parse(match.Groups["share"].Value, CultureInfo.InvariantCulture);
        }
        return "# gateway threads by module (share of all samples)\n"
            + string.Concat(shares.OrderByDescending(pair => pair.Value).Select(pair => $"{pair.Value,7:F2}%  {pair.Key}\n")) + "\n";
    }

    [GeneratedRegex(@"^\s*(?<share>[0-9.]+)%\s+(?<comm>.+?)\s{2,}(?<dso>\S.*?)\s{2,}\[.\]\s+(?<sym>.*)$")]
    private static partial Regex SymbolLine();

    // "instance void [System.Text.Json] System.Text.Json...": the assembly in brackets before the type.
    [GeneratedRegex(@"\[([A-Za-z0-9_.]+)\] [A-Za-z_]")]
    private static partial Regex Assembly();
}
