using PrivacyLedger.LoadTest.Load;
using PrivacyLedger.LoadTest.Measurement;
using PrivacyLedger.LoadTest.PgBench;
using PrivacyLedger.LoadTest.Scenarios;

namespace PrivacyLedger.LoadTest.Reporting;

/// <summary>Everything one run measured, for the report.</summary>
internal sealed class RunReport
{
    public required string Mode { get; init; }

    public required int People { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required string Machine { get; init; }

    public required string Source { get; init; }

    public required string System { get; init; }

    public required string LoadAverageAtStart { get; init; }

    public string LoadAverageAtEnd { get; set; } = "";

    public TimeSpan Elapsed { get; set; }

    public SeedReport? Seed { get; set; }

    public PgBenchTables? PgBenchTables { get; set; }

    public List<PgBenchResult> PgBench { get; } = [];

    public ActivationResult? Activation { get; set; }

    public MemoryResult? Memory { get; set; }

    public List<ScenarioResult> Scenarios { get; } = [];

    public List<string> Notes { get; } = [];

    public PgBenchResult? PgBenchOf(string script) => PgBench.Find(result => result.Script == script);

    public ScenarioResult? ScenarioOf(string key) => Scenarios.Find(result => result.Scenario.Key == key);
}

/// <summary>One scenario and what its measured window saw.</summary>
internal sealed record ScenarioResult(Scenario Scenario, RunMeasurement Measurement);

/// <summary>The pass that activated every subject grain with batch checks, each read from PostgreSQL.</summary>
internal sealed record ActivationResult(int Subjects, int Unknown, TimeSpan Elapsed, CpuSplit Cpu)
{
    public double PerSecond => Subjects / Math.Max(Elapsed.TotalSeconds, 1e-3);
}

/// <summary>The gateway's memory after a full collection, before and after activating <see cref="Grains"/> subject grains.</summary>
internal sealed record MemoryResult(MemoryReading Before, MemoryReading After, int Grains)
{
    public double HeapBytesPerGrain => (double)(After.HeapBytes - Before.HeapBytes) / Grains;

    public double ResidentBytesPerGrain => (double)(After.ResidentBytes - Before.ResidentBytes) / Grains;
}
