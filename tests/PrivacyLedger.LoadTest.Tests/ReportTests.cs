using PrivacyLedger.LoadTest.Hosting;
using PrivacyLedger.LoadTest.Load;
using PrivacyLedger.LoadTest.Measurement;
using PrivacyLedger.LoadTest.PgBench;
using PrivacyLedger.LoadTest.Reporting;
using PrivacyLedger.LoadTest.Scenarios;

namespace PrivacyLedger.LoadTest.Tests;

public class ReportTests
{
    private static readonly CpuSplit NoCpu = new(0, 0, 0, 0, 0, 2);

    [Fact]
    public void Targets_are_judged_on_ratios_to_pgbench_from_the_same_run()
    {
        var report = Report();
        report.PgBench.Add(PgBench(PgBenchScripts.SelectOnly, transactions: 10_000, rows: null));
        report.PgBench.Add(PgBench(PgBenchScripts.HundredChanges, transactions: 100, rows: 10_000));
        report.Scenarios.Add(Closed("single-checks", operations: 30_000));
        report.Scenarios.Add(Closed("consent-changes", operations: 4_000));
        report.Scenarios.Add(Closed("batch-checks", operations: 600, units: 1_000));
        report.Memory = new MemoryResult(new MemoryReading(1_000, 2_000), new MemoryReading(3_001_000, 5_002_000), 1_000);

        var targets = Targets.Evaluate(report);

        Assert.Equal(["durable", "single", "batch", "memory"], targets.Select(t => t.Target.Split(' ')[0]));
        Assert.Equal("0.40", targets[0].Measured);
        Assert.False(targets[0].Met);
        Assert.Equal("3.00", targets[1].Measured);
        Assert.True(targets[1].Met);
        Assert.True(targets[2].Met);
        Assert.False(targets[3].Met);
        Assert.Contains("5,000 B (heap 3,000 B)", targets[3].Ours);
    }

    /// <summary>Issue 14's goals for the gRPC scenarios, judged on the same pgbench ratios as the HTTP ones.</summary>
    [Fact]
    public void Grpc_batched_changes_count_people_per_second_and_streamed_checks_count_checks_against_pgbench()
    {
        var report = Report();
        report.PgBench.Add(PgBench(PgBenchScripts.SelectOnly, transactions: 10_000, rows: null));
        report.PgBench.Add(PgBench(PgBenchScripts.HundredChanges, transactions: 100, rows: 10_000));
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

    [Fact]
    public void Without_pgbench_the_ratio_targets_are_not_measured()
    {
        var report = Report();
        report.Scenarios.Add(Closed("single-checks", operations: 30_000));

        var target = Assert.Single(Targets.Evaluate(report));

        Assert.Null(target.Met);
        Assert.Equal("no pgbench", target.Reference);
    }

    [Fact]
    public void The_report_holds_the_machine_the_load_and_every_table()
    {
        var report = Report();
        report.PgBenchTables = new PgBenchTables(1_000, 1_040, 450, TimeSpan.FromSeconds(1));
        report.PgBench.Add(PgBench(PgBenchScripts.SelectOnly, transactions: 10_000, rows: null));
        report.Scenarios.Add(Closed("single-checks", operations: 30_000));
        var output = new StringWriter();

        ReportWriter.Write(report, output);

        var text = output.ToString();
        Assert.Contains("2 cores (test)", text);
        Assert.Contains("1.00 0.50 0.25 at the start", text);
        Assert.Contains("| single | 8 workers | 30,000 checks/s |", text);
        Assert.Contains("| select_only.sql | 8 | 10,000 | – |", text);
        Assert.Contains("| single checks/s ≥ 2.5 × pgbench select-only | 30,000/s | 10,000/s | 3.00 | ≥ 2.5 | yes |", text);
    }

    [Fact]
    public void Cpu_is_split_per_second_and_the_rest_of_the_machine_is_other()
    {
        var at = DateTimeOffset.UnixEpoch;
        var start = new CpuSample(at, LoadGenerator: 1, ReapedChildren: 0, Gateway: 10, Postgres: 5, MachineBusy: 100, MachineTotal: 200);
        var end = new CpuSample(at.AddSeconds(10), LoadGenerator: 3, ReapedChildren: 1, Gateway: 20, Postgres: 10, MachineBusy: 120, MachineTotal: 220);

        var split = CpuSplit.Between(start, end);

        Assert.Equal(new CpuSplit(0.2, 0.1, 1.0, 0.5, 0.2, 2.0), split with { Other = Math.Round(split.Other, 6) });
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.1.2.3", true)]
    [InlineData("localhost", true)]
    [InlineData("[::1]", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("192.168.1.10", false)]
    [InlineData("example.com", false)]
    public void Only_loopback_addresses_are_load_targets(string host, bool allowed)
    {
        Assert.Equal(allowed, Loopback.Is(host));
    }

    private static RunReport Report() => new()
    {
        Mode = "test",
        People = 1_000,
        StartedAt = DateTimeOffset.UnixEpoch,
        Machine = "2 cores (test)",
        Source = "commit test",
        System = "nothing",
        LoadAverageAtStart = "1.00 0.50 0.25",
    };

    private static PgBenchResult PgBench(string script, double transactions, double? rows) =>
        new(script, 8, 2, transactions, rows, 0.5, null, NoCpu, "pgbench");

    /// <summary>A closed-loop scenario that completed <paramref name="operations"/> a second over a 10 s window.</summary>
    private static ScenarioResult Closed(string key, int operations, int units = 1)
    {
        var tally = new Tally();
        for (var i = 0; i < operations * 10; i++)
        {
            tally.Add(new Outcome(true, units), 1_000);
        }
        var scenario = new Scenario(key, key.Split('-')[0], units > 1 ? "people" : "checks", 8, (_, _) => Task.FromResult(new Outcome(true)));
        return new ScenarioResult(scenario, new RunMeasurement(TimeSpan.FromSeconds(10), [tally], NoCpu, null));
    }
}
