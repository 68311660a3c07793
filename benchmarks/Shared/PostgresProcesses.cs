namespace PrivacyLedger.Benchmarks.Shared;

/// <summary>CPU time of the PostgreSQL server on this machine, read from /proc: what the database cost during a phase.</summary>
internal static class PostgresProcesses
{
    /// <summary>User + system CPU seconds of every live process named postgres and of its exited children (clock ticks of 1/100 s).</summary>
    public static double CpuSeconds()
    {
        double ticks = 0;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out _))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                if (stat[(open + 1)..close] != "postgres")
                {
                    continue;
                }
                var fields = stat[(close + 2)..].Split(' ');
                // utime, stime, and cutime, cstime: the postmaster reaps exited backends, so their time stays counted.
                ticks += long.Parse(fields[11]) + long.Parse(fields[12]) + long.Parse(fields[13]) + long.Parse(fields[14]);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return ticks / 100.0;
    }
}
