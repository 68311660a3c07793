namespace PrivacyLedger.LoadTest.Measurement;

/// <summary>
/// Where the machine's CPU went between two samples: this load generator, the gateway process, the PostgreSQL
/// cluster (postmaster, its live children, and those it has reaped), and everything else on the machine.
/// </summary>
internal sealed class CpuMeter(int? gatewayPid, int? postmasterPid)
{
    public CpuSample Sample()
    {
        var (busy, total) = ProcFs.MachineCpuSeconds();
        return new CpuSample(
            DateTimeOffset.UtcNow,
            ProcFs.CpuSeconds(Environment.ProcessId),
            ProcFs.CpuSeconds(Environment.ProcessId, reapedChildren: true) - ProcFs.CpuSeconds(Environment.ProcessId),
            gatewayPid is { } gateway ? ProcFs.CpuSeconds(gateway) : 0,
            postmasterPid is { } postmaster ? PostgresCpuSeconds(postmaster) : 0,
            busy,
            total);
    }

    private static double PostgresCpuSeconds(int postmaster) =>
        ProcFs.CpuSeconds(postmaster, reapedChildren: true) + ProcFs.Children(postmaster).Sum(child => ProcFs.CpuSeconds(child));
}

/// <summary>Cumulative CPU seconds at one moment.</summary>
internal sealed record CpuSample(DateTimeOffset At, double LoadGenerator, double ReapedChildren, double Gateway, double Postgres, double MachineBusy, double MachineTotal);

/// <summary>
/// CPU used between two samples, in cores (CPU seconds per second of wall time). <see cref="Tools"/> is what this
/// process's child tools (pgbench, perf) used; <see cref="Other"/> is the rest of the machine: other people's work.
/// </summary>
internal sealed record CpuSplit(double LoadGenerator, double Tools, double Gateway, double Postgres, double Other, double Cores)
{
    public static CpuSplit Between(CpuSample start, CpuSample end)
    {
        var seconds = Math.Max((end.At - start.At).TotalSeconds, 1e-3);
        var loadGenerator = (end.LoadGenerator - start.LoadGenerator) / seconds;
        var tools = (end.ReapedChildren - start.ReapedChildren) / seconds;
        var gateway = (end.Gateway - start.Gateway) / seconds;
        var postgres = (end.Postgres - start.Postgres) / seconds;
        var busy = (end.MachineBusy - start.MachineBusy) / seconds;
        var cores = (end.MachineTotal - start.MachineTotal) / seconds;
        return new CpuSplit(loadGenerator, tools, gateway, postgres, Math.Max(0, busy - loadGenerator - tools - gateway - postgres), cores);
    }

    public override string ToString() =>
        $"gateway {Gateway:F2}, postgres {Postgres:F2}, load generator {LoadGenerator:F2}{(Tools > 0.005 ? $", pgbench/perf {Tools:F2}" : "")}, other {Other:F2} of {Cores:F1} cores";
}
