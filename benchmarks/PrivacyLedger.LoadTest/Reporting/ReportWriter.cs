namespace PrivacyLedger.LoadTest.Reporting;

/// <summary>The report as Markdown: the run's circumstances, the scenario and pgbench tables, the targets.</summary>
internal static class ReportWriter
{
    public static void Write(RunReport report, TextWriter output)
    {
        output.WriteLine($"## Load test, {report.Mode}, N = {report.People:N0}, {report.StartedAt:yyyy-MM-dd HH:mm} UTC");
        output.WriteLine();
        output.WriteLine($"- Machine: {report.Machine}");
        output.WriteLine($"- Source: {report.Source}");
        output.WriteLine($"- Under test: {report.System}");
        output.WriteLine($"- Load average (1, 5, 15 min): {report.LoadAverageAtStart} at the start, {report.LoadAverageAtEnd} at the end; the run took {report.Elapsed.TotalSeconds:F0} s");
        if (report.Seed is { } seed)
        {
            output.WriteLine($"- Seeding: {seed.Method}: {seed.Enrolments:N0} enrolments in {seed.Elapsed.TotalSeconds:F1} s ({seed.PerSecond:N0}/s): created {seed.Created:N0}, existing {seed.Existing:N0}, failed {seed.Failed:N0}"
                + string.Concat(seed.Phases.Select(phase => $"; {phase.Name} {phase.Enrolments:N0} in {phase.Elapsed.TotalSeconds:F1} s ({phase.PerSecond:N0}/s)"))
                + (seed.Cpu is { } cpu ? $"; CPU {cpu}" : ""));
            foreach (var error in seed.ErrorSamples)
            {
                output.WriteLine($"  - error: `{error}`");
            }
        }
        if (report.Activation is { } activation)
        {
            output.WriteLine($"- Activation: {activation.Subjects:N0} subject grains by batch checks of 1,000 (each grain's state read from PostgreSQL) in {activation.Elapsed.TotalSeconds:F1} s = {activation.PerSecond:N0}/s"
                + $"{(activation.Unknown > 0 ? $", {activation.Unknown:N0} answered unknown-subject" : "")}; CPU {activation.Cpu}");
        }
        if (report.Memory is { } memory)
        {
            output.WriteLine($"- Memory of the gateway after a full GC: managed heap {Mb(memory.Before.HeapBytes)} → {Mb(memory.After.HeapBytes)}, resident set {Mb(memory.Before.ResidentBytes)} → {Mb(memory.After.ResidentBytes)}"
                + $" over {memory.Grains:N0} grains: {memory.HeapBytesPerGrain:N0} B heap and {memory.ResidentBytesPerGrain:N0} B resident per active subject grain");
        }
        foreach (var note in report.Notes)
        {
            output.WriteLine($"- {note}");
        }

        output.WriteLine();
        output.WriteLine("| scenario | driven by | throughput | p50 ms | p95 ms | p99 ms | errors | CPU, cores: gateway / postgres / load generator / other | commits per operation |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|---|---:|");
        foreach (var (scenario, measurement) in report.Scenarios)
        {
            var latency = measurement.Latency();
            var driven = scenario.FixedRate is { } rate ? $"fixed rate {rate:N0}/s (offered {measurement.Offered:N0}/s)" : $"{scenario.Concurrency} workers";
            var cpu = measurement.Cpu;
            var commits = measurement.OperationsPerSecond > 0 && cpu.CommitsPerSecond > 0 ? (cpu.CommitsPerSecond / measurement.OperationsPerSecond).ToString("F2") : "–";
            output.WriteLine($"| {scenario.Title} | {driven} | {measurement.UnitsPerSecond:N0} {scenario.Unit}/s | {latency.P50Ms:F2} | {latency.P95Ms:F2} | {latency.P99Ms:F2} | {measurement.Errors:N0} | {cpu.Gateway:F2} / {cpu.Postgres:F2} / {cpu.LoadGenerator:F2} / {cpu.Other:F2} | {commits} |");
            for (var kind = 0; kind < scenario.Kinds.Count; kind++)
            {
                var part = measurement.Latency(kind);
                output.WriteLine($"| – of which {scenario.Kinds[kind]} | | {measurement.OperationsOf(kind) / measurement.Duration.TotalSeconds:N0}/s | {part.P50Ms:F2} | {part.P95Ms:F2} | {part.P99Ms:F2} | | | |");
            }
        }
        foreach (var (scenario, measurement) in report.Scenarios.Where(result => result.Measurement.Errors > 0))
        {
            output.WriteLine($"- {scenario.Title}: {measurement.Errors:N0} errors, e.g. {string.Join("; ", measurement.ErrorSamples.Select(error => $"`{error.ReplaceLineEndings(" ")}`"))}");
        }

        if (report.PgBench.Count > 0 && report.PgBenchTables is { } tables)
        {
            output.WriteLine();
            output.WriteLine($"PostgreSQL alone (pgbench, same cluster, tables of the same shape holding copies of the {tables.Subjects:N0} subjects' rows; state payload {tables.StateBytes:N0} B, event payload {tables.EventBytes:N0} B on average; copied in {tables.CopyTime.TotalSeconds:F1} s):");
            output.WriteLine();
            output.WriteLine("| script | clients | transactions/s | people/s | mean latency ms | CPU, cores: postgres / pgbench / other |");
            output.WriteLine("|---|---:|---:|---:|---:|---|");
            foreach (var result in report.PgBench)
            {
                output.WriteLine($"| {result.Script} | {result.Clients} | {result.TransactionsPerSecond:N0} | {(result.RowsPerSecond is { } rows ? rows.ToString("N0") : "–")} | {result.LatencyMeanMs:F2} | {result.Cpu.Postgres:F2} / {result.Cpu.Tools:F2} / {result.Cpu.Other:F2} |");
            }
        }

        var targets = Targets.Evaluate(report);
        if (targets.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("| target | ours | PostgreSQL alone | measured | goal | met |");
            output.WriteLine("|---|---:|---:|---:|---:|---|");
            foreach (var target in targets)
            {
                output.WriteLine($"| {target.Target} | {target.Ours} | {target.Reference} | {target.Measured} | {target.Goal} | {target.Met switch { true => "yes", false => "**no**", null => "not measured" }} |");
            }
        }
    }

    private static string Mb(long bytes) => $"{bytes / 1_048_576.0:N1} MiB";
}
