using System.Globalization;
using PrivacyLedger.LoadTest.Hosting;

namespace PrivacyLedger.LoadTest.Measurement;

/// <summary>
/// A CPU profile of the gateway and PostgreSQL over one measured window: <c>perf record</c> (cpu-clock sampling,
/// which works in a VM without hardware counters) of their processes, then <c>perf report</c> by process, library
/// and symbol into a text file. The gateway runs with DOTNET_PerfMapEnabled=1 so JIT-compiled methods have names.
/// </summary>
internal sealed class PerfRecorder(string workDirectory, TextWriter log)
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
        var bySymbol = await Tool.RunCheckedAsync("perf", ["report", "-i", data, "--no-children", "--sort", "comm,dso,sym", "-g", "none", "--stdio", "--percent-limit", "0.3"], cancellationToken);
        await File.WriteAllTextAsync(report, byLibrary.Output + bySymbol.Output, cancellationToken);
        log.WriteLine($"  profile: {report}");
    }
}
