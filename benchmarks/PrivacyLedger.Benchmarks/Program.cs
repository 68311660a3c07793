using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PrivacyLedger.Benchmarks;

// One short job for every benchmark: in-process (no generated project to rebuild), one launch, a few
// warm-up and measured iterations, so the whole suite runs in a few minutes on a small machine.
var job = Job.Default
    .WithId("Short")
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithLaunchCount(1)
    .WithWarmupCount(3)
    .WithIterationCount(10);

var config = DefaultConfig.Instance
    .AddJob(job)
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumn(StatisticColumn.OperationsPerSecond);

try
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
}
finally
{
    // The write benchmarks share one PostgreSQL cluster across their cases; it outlives each case's cleanup.
    await StateWriteBenchmarks.StopClusterAsync();
}
