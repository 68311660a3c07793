using Npgsql;

namespace PrivacyLedger.LoadTest.Measurement;

/// <summary>
/// Where the machine's CPU went between two samples: this load generator, the gateway process, the PostgreSQL
/// cluster (postmaster, its live children, and those it has reaped), and everything else on the machine. With a
/// connection string, also the database's commits and rows written (pg_stat_database; backends report at most
/// once a second, so short windows are approximate).
/// </summary>
internal sealed class CpuMeter(int? gatewayPid, int? postmasterPid, string? connectionString = null)
{
    public CpuSample Sample()
    {
        var (busy, total) = ProcFs.MachineCpuSeconds();
        var (commits, rowsWritten) = DatabaseCounters();
        return new CpuSample(
            DateTimeOffset.UtcNow,
            ProcFs.CpuSeconds(Environment.ProcessId),
            ProcFs.CpuSeconds(Environment.ProcessId, reapedChildren: true) - ProcFs.CpuSeconds(Environment.ProcessId),
            gatewayPid is { } gateway ? ProcFs.CpuSeconds(gateway) : 0,
            postmasterPid is { } postmaster ? PostgresCpuSeconds(postmaster) : 0,
            busy,
            total)
        {
            Commits = commits,
            RowsWritten = rowsWritten,
        };
    }

    private (long Commits, long RowsWritten) DatabaseCounters()
    {
        if (connectionString is null)
        {
            return (0, 0);
        }
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(
            "SELECT pg_stat_clear_snapshot(); SELECT xact_commit, tup_inserted + tup_updated + tup_deleted FROM pg_stat_database WHERE datname = current_database()", connection);
        using var reader = command.ExecuteReader();
        reader.NextResult();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static double PostgresCpuSeconds(int postmaster) =>
        ProcFs.CpuSeconds(postmaster, reapedChildren: true) + ProcFs.Children(postmaster).Sum(child => ProcFs.CpuSeconds(child));
}

/// <summary>Cumulative CPU seconds (and database counters) at one moment.</summary>
internal sealed record CpuSample(DateTimeOffset At, double LoadGenerator, double ReapedChildren, double Gateway, double Postgres, double MachineBusy, double MachineTotal)
{
    public long Commits { get; init; }

    public long RowsWritten { get; init; }
}

/// <summary>
/// CPU used between two samples, in cores (CPU seconds per second of wall time). <see cref="Tools"/> is what this
/// process's child tools (pgbench, perf) used; <see cref="Other"/> is the rest of the machine: other people's work.
/// </summary>
internal sealed record CpuSplit(double LoadGenerator, double Tools, double Gateway, double Postgres, double Other, double Cores)
{
    /// <summary>Database transactions committed per second (0 without a connection string).</summary>
    public double CommitsPerSecond { get; init; }

    /// <summary>Rows inserted, updated or deleted per second.</summary>
    public double RowsWrittenPerSecond { get; init; }

    public static CpuSplit Between(CpuSample start, CpuSample end)
    {
        var seconds = Math.Max((end.At - start.At).TotalSeconds, 1e-3);
        var loadGenerator = (end.LoadGenerator - start.LoadGenerator) / seconds;
        var tools = (end.ReapedChildren - start.ReapedChildren) / seconds;
        var gateway = (end.Gateway - start.Gateway) / seconds;
        var postgres = (end.Postgres - start.Postgres) / seconds;
        var busy = (end.MachineBusy - start.MachineBusy) / seconds;
        var cores = (end.MachineTotal - start.MachineTotal) / seconds;
        return new CpuSplit(loadGenerator, tools, gateway, postgres, Math.Max(0, busy - loadGenerator - tools - gateway - postgres), cores)
        {
            CommitsPerSecond = (end.Commits - start.Commits) / seconds,
            RowsWrittenPerSecond = (end.RowsWritten - start.RowsWritten) / seconds,
        };
    }

    public override string ToString() =>
        $"gateway {Gateway:F2}, postgres {Postgres:F2}, load generator {LoadGenerator:F2}{(Tools > 0.005 ? $", pgbench/perf {Tools:F2}" : "")}, other {Other:F2} of {Cores:F1} cores"
        + (CommitsPerSecond > 0 ? $"; database {CommitsPerSecond:N0} commits/s, {RowsWrittenPerSecond:N0} rows written/s" : "");
}
