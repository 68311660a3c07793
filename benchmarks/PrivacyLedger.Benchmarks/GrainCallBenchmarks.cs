using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Runtime;
using PrivacyLedger.Storage;
using PrivacyLedger.Runtime.Hosting;
using PrivacyLedger.Storage.Sqlite;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Benchmarks;

// In-process calls/s on already-active grains: the runtime's own per-call cost, paid under every ledger request.
public class GrainCallBenchmarks
{
    private const int Calls = 10_000;
    private const int Grains = 1_000;

    private readonly string[] _keys = [.. Enumerable.Range(0, Grains).Select(i => $"ping-{i:D4}")];
    private TemporaryDatabaseFile? _file;
    private ServiceProvider? _services;
    private GrainRuntime _runtime = null!;
    private IPingGrain _heldReference = null!;

    // BenchmarkDotNet 0.14's in-process toolchain does not await an async [GlobalSetup] or [GlobalCleanup]
    // (dotnet/BenchmarkDotNet#1738), so these block on the async work themselves.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        // The ping grain has no state, so storage is never touched by a call; SQLite in a temporary file
        // is enough for the runtime to start (schema, reminder polling).
        _file = new TemporaryDatabaseFile();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSqliteStorage(options => options.DatabasePath = _file.Path);
        services.AddGrainRuntime(grains => grains.Add<IPingGrain, PingGrain>("ping"));
        _services = services.BuildServiceProvider();
        _runtime = _services.GetRequiredService<GrainRuntime>();
        await _runtime.StartAsync();

        // Every activation the benchmarks call is created here, before measuring.
        foreach (var key in _keys)
        {
            await _runtime.GetGrain<IPingGrain>(key).PingAsync();
        }
        _heldReference = _runtime.GetGrain<IPingGrain>(_keys[0]);
    }

    private async Task CleanupAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        _file?.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "One hot grain, GetGrain(key).PingAsync()")]
    public async Task<int> OneGrain()
    {
        var last = 0;
        for (var i = 0; i < Calls; i++)
        {
            last = await _runtime.GetGrain<IPingGrain>(_keys[0]).PingAsync();
        }
        return last;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "One hot grain, reference held")]
    public async Task<int> OneGrainHeldReference()
    {
        var last = 0;
        for (var i = 0; i < Calls; i++)
        {
            last = await _heldReference.PingAsync();
        }
        return last;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "1,000 warm grains in turn, GetGrain(key).PingAsync()")]
    public async Task<int> ManyGrains()
    {
        var last = 0;
        for (var i = 0; i < Calls; i++)
        {
            last = await _runtime.GetGrain<IPingGrain>(_keys[i % Grains]).PingAsync();
        }
        return last;
    }
}
