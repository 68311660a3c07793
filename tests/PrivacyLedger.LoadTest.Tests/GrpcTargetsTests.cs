using PrivacyLedger.LoadTest.Load;
using PrivacyLedger.LoadTest.Measurement;
using PrivacyLedger.LoadTest.PgBench;
using PrivacyLedger.LoadTest.Reporting;
using PrivacyLedger.LoadTest.Scenarios;

namespace PrivacyLedger.LoadTest.Tests;

/// <summary>Issue 14's goals for the gRPC scenarios, judged on the same pgbench ratios as the HTTP ones.</summary>
public class GrpcTargetsTests
{
    private static readonly CpuSplit NoCpu = new(0, 0, 0, 0, 0, 2);

    [Fact]
    public void Batched_changes_count_people_per_second_and_streamed_checks_count_checks_against_pgbench()
    {
        var report = new RunReport
        {
            Mode = "test",
            People = 1_000,
            StartedAt = DateTimeOffset.UnixEpoch,
            Machine = "2 cores (test)",
            Source = "commit test",
            System = "nothing",
            LoadAverageAtStart = "1.00 0.50 0.25",
        };
        report.PgBench.Add(new PgBenchResult(PgBenchScripts.SelectOnly, 8, 2, 10_000, null, 0.5, null, NoCpu, "pgbench"));
        report.PgBench.Add(new PgBenchResult(PgBenchScripts.HundredChanges, 8, 2, 100, 10_000, 0.5, null, NoCpu, "pgbench"));
        // 60 ApplyChanges calls of 100 a second: 6,000 changes/s, 0.6 × pgbench's 10,000 people/s.
        report.Scenarios.Add(Closed("grpc-consent-changes", operations: 60, units: 100));
        report.Scenarios.Add(Closed("grpc-streamed-checks", operations: 20_000));
        report.Scenarios.Add(Closed("grpc-batch-checks", operations: 400, units: 1_000));

        var targets = Targets.Evaluate(report);

        Assert.Equal(["gRPC streamed checks/s", "gRPC batch checks", "gRPC durable changes/s"], targets.Select(t => string.Join(' ', t.Target.Split(' ')[..3])));
        Assert.Equal("2.00", targets[0].Measured);
        Assert.False(targets[0].Met);
        Assert.False(targets[1].Met);
        Assert.Equal("0.60", targets[2].Measured);
        Assert.True(targets[2].Met);
    }

    private static ScenarioResult Closed(string key, int operations, int units = 1)
    {
        var tally = new Tally();
        for (var i = 0; i < operations * 10; i++)
        {
            tally.Add(new Outcome(true, units), 1_000);
        }
        var scenario = new Scenario(key, key, units > 1 ? "units" : "checks", 8, (_, _) => Task.FromResult(new Outcome(true)));
        return new ScenarioResult(scenario, new RunMeasurement(TimeSpan.FromSeconds(10), [tally], NoCpu, null));
    }
}
