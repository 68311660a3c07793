using System.Globalization;

namespace PrivacyLedger.LoadTest.Measurement;

/// <summary>What Linux's /proc says about processes and the machine: CPU time, resident memory, load.</summary>
internal static class ProcFs
{
    // USER_HZ: the unit of the times in /proc/*/stat and /proc/stat; 100 on every Linux this runs on.
    private const double TicksPerSecond = 100.0;

    /// <summary>User + system CPU seconds of a process; with <paramref name="reapedChildren"/>, also of the children it has waited for.</summary>
    public static double CpuSeconds(int pid, bool reapedChildren = false)
    {
        var fields = StatFields(pid);
        if (fields is null)
        {
            return 0;
        }
        // Fields after the command name: [11] utime, [12] stime, [13] cutime, [14] cstime.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        if (reapedChildren)
        {
            ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        }
        return ticks / TicksPerSecond;
    }

    /// <summary>The processes whose parent is <paramref name="pid"/>.</summary>
    public static List<int> Children(int pid)
    {
        var children = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), out var candidate) && StatFields(candidate) is { } fields
                && int.Parse(fields[1], CultureInfo.InvariantCulture) == pid)
            {
                children.Add(candidate);
            }
        }
        return children;
    }

    /// <summary>Resident set size in bytes (VmRSS), or 0 if the process is gone.</summary>
    public static long ResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }

    /// <summary>CPU seconds the whole machine spent busy and in all, over every core (/proc/stat).</summary>
    public static (double Busy, double Total) MachineCpuSeconds()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // cpu user nice system idle iowait irq softirq steal ...
        var values = fields.Skip(1).Take(8).Select(value => long.Parse(value, CultureInfo.InvariantCulture)).ToArray();
        var idle = values[3] + values[4];
        var total = values.Sum();
        return ((total - idle) / TicksPerSecond, total / TicksPerSecond);
    }

    /// <summary>The 1, 5 and 15 minute load averages, as /proc/loadavg gives them.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    public static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";

    public static long MemoryTotalBytes() =>
        long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;

    /// <summary>The fields of /proc/pid/stat after the command name (which may hold spaces), or null if the process is gone.</summary>
    private static string[]? StatFields(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }
}
