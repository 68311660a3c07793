using PrivacyLedger.LoadTest.PgBench;

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
            outcomes.Add(P99Target("p99 < 2 ms at half the target load", atRate));
        }
        if (report.ScenarioOf("batch-checks") is { } batch)
        {
            outcomes.Add(BatchTarget("batch checks ≥ 500,000 people/s", batch));
        }
        outcomes.AddRange(EvaluateGrpc(report, select, hundred));
        if (report.Memory is { } memory)
        {
            outcomes.Add(new TargetOutcome("memory ≤ 4 KB per active subject grain (resident set, after a full GC)",
                $"{memory.ResidentBytesPerGrain:N0} B (heap {memory.HeapBytesPerGrain:N0} B)", $"{memory.Grains:N0} grains", $"{memory.ResidentBytesPerGrain / BytesPerGrainGoal:F2} × goal",
                "≤ 4,096 B", memory.ResidentBytesPerGrain <= BytesPerGrainGoal));
        }
        return outcomes;
    }

    /// <summary>Issue 14's goals for the gRPC scenarios: the same ratios and limits as over HTTP.</summary>
    private static IEnumerable<TargetOutcome> EvaluateGrpc(RunReport report, PgBenchResult? select, PgBenchResult? hundred)
    {
        if (report.ScenarioOf("grpc-single-checks") is { } unary)
        {
            yield return RatioTarget("gRPC unary checks/s ≥ 2.5 × pgbench select-only", unary.Measurement.OperationsPerSecond, select?.TransactionsPerSecond, SingleRatioGoal);
        }
        if (report.ScenarioOf("grpc-single-checks-fixed-rate") is { } unaryAtRate)
        {
            yield return P99Target("gRPC unary: p99 < 2 ms at half the target load", unaryAtRate);
        }
        if (report.ScenarioOf("grpc-streamed-checks") is { } streamed)
        {
            yield return RatioTarget("gRPC streamed checks/s ≥ 2.5 × pgbench select-only", streamed.Measurement.OperationsPerSecond, select?.TransactionsPerSecond, SingleRatioGoal);
        }
        if (report.ScenarioOf("grpc-streamed-checks-fixed-rate") is { } streamedAtRate)
        {
            yield return P99Target("gRPC streamed: p99 < 2 ms at half the target load", streamedAtRate);
        }
        if (report.ScenarioOf("grpc-batch-checks") is { } batch)
        {
            yield return BatchTarget("gRPC batch checks ≥ 500,000 people/s", batch);
        }
        if (report.ScenarioOf("grpc-consent-changes") is { } changes)
        {
            yield return RatioTarget("gRPC durable changes/s (ApplyChanges) ≥ 0.5 × pgbench 100 per transaction (people/s)", changes.Measurement.UnitsPerSecond, hundred?.RowsPerSecond, DurableRatioGoal);
        }
    }

    /// <summary>Met when p99 is under the goal and every request due was answered, none failing.</summary>
    private static TargetOutcome P99Target(string target, ScenarioResult atRate)
    {
        var p99 = atRate.Measurement.Latency().P99Ms;
        var offered = atRate.Measurement.Offered ?? 0;
        return new TargetOutcome($"{target} ({atRate.Scenario.FixedRate:N0}/s asked)",
            $"p99 {p99:F2} ms at {atRate.Measurement.OperationsPerSecond:N0}/s answered", $"{offered:N0}/s offered", $"{p99:F2} ms", $"< {P99GoalMs:0.0} ms",
            p99 < P99GoalMs && atRate.Measurement.Errors == 0 && atRate.Measurement.OperationsPerSecond >= 0.98 * offered);
    }

    private static TargetOutcome BatchTarget(string target, ScenarioResult batch)
    {
        var ours = batch.Measurement.UnitsPerSecond;
        return new TargetOutcome(target, $"{ours:N0} people/s", "", $"{ours / BatchPeopleGoal:F2} × goal", "≥ 500,000/s", ours >= BatchPeopleGoal);
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
