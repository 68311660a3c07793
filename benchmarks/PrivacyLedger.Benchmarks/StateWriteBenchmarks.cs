using PrivacyLedger.Benchmarks.Shared;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Runtime;
using PrivacyLedger.Storage;
using PrivacyLedger.Runtime.Hosting;
using PrivacyLedger.Storage.Postgres;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Benchmarks;

// Durable writes/s on PostgreSQL (fsync on), one write per commit vs group commit: every ledger change is such a write.
public class StateWriteBenchmarks
{
    private const int Grains = 1_000;

    private PostgresCluster? _cluster;
    private ServiceProvider? _services;
    private RuntimeMeterProbe? _probe;
    private ICounterGrain[] _grains = [];

    /// <summary>1: every write is its own statement and commit. 1000: writes that arrive together share one.</summary>
    [Params(1, 1_000)]
    public int MaxWriteBatchSize { get; set; }

    // BenchmarkDotNet 0.14's in-process toolchain does not await an async [GlobalSetup] or [GlobalCleanup]
    // (dotnet/BenchmarkDotNet#1738), so these block on the async work themselves.
    [GlobalSetup]
    public void Setup()
    {
        try
        {
            SetupAsync().GetAwaiter().GetResult();
        }
        catch
        {
            // A failed setup gets no cleanup call: stop the cluster here rather than leave it running.
            Cleanup();
            throw;
        }
    }

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _cluster = await PostgresCluster.StartAsync(durable: true);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPostgresStorage(options =>
        {
            options.ConnectionString = _cluster.ConnectionString;
            options.Schema = $"bench_writes_{MaxWriteBatchSize}";
            options.ServiceId = $"bench-writes-{MaxWriteBatchSize}";
        });
        services.AddGrainRuntime(grains => grains.Add<ICounterGrain, CounterGrain>("counter"),
            options => options.MaxWriteBatchSize = MaxWriteBatchSize);
        _services = services.BuildServiceProvider();
        var runtime = _services.GetRequiredService<GrainRuntime>();
        await runtime.StartAsync();

        // Activate every grain and write its first row before measuring, so the benchmark measures
        // updates of existing rows by active grains, not activation reads or inserts.
        _grains = [.. Enumerable.Range(0, Grains).Select(i => runtime.GetGrain<ICounterGrain>($"counter-{i:D4}"))];
        await IncrementAllAsync();
        _probe = new RuntimeMeterProbe();
    }

    private async Task CleanupAsync()
    {
        if (_probe is not null)
        {
            Console.WriteLine($"// StateWriteBenchmarks, MaxWriteBatchSize={MaxWriteBatchSize}: {_probe.DescribeWrites()}");
            _probe.Dispose();
        }
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Benchmark(OperationsPerInvoke = Grains, Description = "1,000 grains: State.Value++; WriteStateAsync(), concurrently")]
    public Task ConcurrentWrites() => IncrementAllAsync();

    private Task IncrementAllAsync()
    {
        var writes = new Task[_grains.Length];
        for (var i = 0; i < _grains.Length; i++)
        {
            writes[i] = _grains[i].IncrementAsync();
        }
        return Task.WhenAll(writes);
    }
}
