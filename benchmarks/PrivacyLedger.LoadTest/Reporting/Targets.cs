namespace PrivacyLedger.LoadTest.Reporting;

/// <summary>One of issue 6's targets as this run measured it: ours against the reference, and whether the goal is met.</summary>
internal sealed record TargetOutcome(string Target, string Ours, string Reference, string Measured, string Goal, bool? Met);

/// <summary>The targets of issue 6, each from this one run's figures (ratios to pgbench in the same run, on the same PostgreSQL).</summary>
internal static class Targets
{
    public const double DurableRatioGoal = 0.5;
    public const double SingleRatioGoal = 2.5;
    public const double P99GoalMs = 2.0;
    public const double BatchPeopleGoal = 500_000;
    public const double BytesPerGrainGoal = 4_096;

    public static IReadOnlyList<TargetOutcome> Evaluate(RunReport report)
    {
        var outcomes = new List<TargetOutcome>();
        var hundred = report.PgBenchOf(PgBenchScripts.HundredChanges);
        var select = report.PgBenchOf(PgBenchScripts.SelectOnly);

        if (report.ScenarioOf("consent-changes") is { } consent)
        {
            outcomes.Add(RatioTarget("durable changes/s ≥ 0.5 × pgbench 100 per transaction (people/s)", consent.Measurement.OperationsPerSecond, hundred?.RowsPerSecond, DurableRatioGoal));
        }
        if (report.ScenarioOf("single-checks") is { } single)
        {
            outcomes.Add(RatioTarget("single checks/s ≥ 2.5 × pgbench select-only", single.Measurement.OperationsPerSecond, select?.TransactionsPerSecond, SingleRatioGoal));
        }
        if (report.ScenarioOf("single-checks-fixed-rate") is { } atRate)
        {
            var p99 = atRate.Measurement.Latency().P99Ms;
            var offered = atRate.Measurement.Offered ?? 0;
            outcomes.Add(new TargetOutcome($"p99 < 2 ms at half the target load ({atRate.Scenario.FixedRate:N0}/s asked)",
                $"p99 {p99:F2} ms at {atRate.Measurement.OperationsPerSecond:N0}/s answered", $"{offered:N0}/s offered", $"{p99:F2} ms", $"< {P99GoalMs:0.0} ms",
                p99 < P99GoalMs && atRate.Measurement.Errors == 0 && atRate.Measurement.OperationsPerSecond >= 0.98 * offered));
        }
        if (report.ScenarioOf("batch-checks") is { } batch)
        {
            var ours = batch.Measurement.UnitsPerSecond;
            outcomes.Add(new TargetOutcome("batch checks ≥ 500,000 people/s", $"{ours:N0} people/s", "", $"{ours / BatchPeopleGoal:F2} × goal", "≥ 500,000/s",
                ours >= BatchPeopleGoal));
        }
        if (report.Memory is { } memory)
        {
            outcomes.Add(new TargetOutcome("memory ≤ 4 KB per active subject grain (resident set, after a full GC)",
                $"{memory.ResidentBytesPerGrain:N0} B (heap {memory.HeapBytesPerGrain:N0} B)", $"{memory.Grains:N0} grains", $"{memory.ResidentBytesPerGrain / BytesPerGrainGoal:F2} × goal",
                "≤ 4,096 B", memory.ResidentBytesPerGrain <= BytesPerGrainGoal));
        }
        return outcomes;
    }

    /// <summary>Ours per second against PostgreSQL's per second; not measured when pgbench did not run.</summary>
    private static TargetOutcome RatioTarget(string target, double ours, double? reference, double goal) =>
        new(target, $"{ours:N0}/s", reference is null ? "no pgbench" : $"{reference:N0}/s", reference is > 0 ? $"{ours / reference.Value:F2}" : "–", $"≥ {goal:0.0#}",
            reference is > 0 ? ours / reference.Value >= goal : null);
}

/// <summary>The pgbench scripts in benchmarks/pgbench.</summary>
internal static class PgBenchScripts
{
    public const string OneChange = "one_change.sql";
    public const string HundredChanges = "hundred_changes.sql";
    public const string SelectOnly = "select_only.sql";
}
