using BenchmarkDotNet.Attributes;
using Orleans;

namespace PrivacyLedger.Benchmarks;

// In-process calls/s on already-active grains on Orleans: the per-call cost paid under every ledger request.
// The first three keep the shape of the home-made runtime's benchmarks (one caller, one call at a time) so their
// figures compare; the last two are how the gateway calls grains: many callers at once, and a grain fanning out.
public class GrainCallBenchmarks
{
    private const int Calls = 10_000;
    private const int Callers = 64;

    private BenchmarkSilo? _silo;
    private IGrainFactory _grains = null!;
    private IPingGrain _heldReference = null!;
    private IFanOutGrain _fanOut = null!;

    // BenchmarkDotNet 0.14's in-process toolchain does not await an async [GlobalSetup] or [GlobalCleanup]
    // (dotnet/BenchmarkDotNet#1738), so these block on the async work themselves.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        // The ping grain has no state, so no storage is configured.
        _silo = await BenchmarkSilo.StartAsync();
        _grains = _silo.Grains;

        // Every activation the benchmarks call is created here, before measuring.
        for (var i = 0; i < PingKeys.Count; i++)
        {
            await _grains.GetGrain<IPingGrain>(PingKeys.Of(i)).PingAsync();
        }
        _heldReference = _grains.GetGrain<IPingGrain>(PingKeys.Of(0));
        _fanOut = _grains.GetGrain<IFanOutGrain>("fan-out");

        // Run every benchmark's body before measuring and give the JIT a moment to finish tiering up Orleans'
        // call path: otherwise the first benchmark of the class measures some of its calls on unoptimised code
        // (on this loaded 2-core machine it came out at twice the time of the same call to 1,000 grains).
        for (var pass = 0; pass < 2; pass++)
        {
            await OneGrain();
            await OneGrainHeldReference();
            await ManyGrains();
            await ManyGrainsManyCallers();
            await FanOut();
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private async Task CleanupAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "One hot grain, GetGrain(key).PingAsync()")]
    public async Task<int> OneGrain()
    {
        var last = 0;
        for (var i = 0; i < Calls; i++)
        {
            last = await _grains.GetGrain<IPingGrain>(PingKeys.Of(0)).PingAsync();
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
            last = await _grains.GetGrain<IPingGrain>(PingKeys.Of(i)).PingAsync();
        }
        return last;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "1,000 warm grains, 64 callers at once, GetGrain(key).PingAsync()")]
    public async Task<int> ManyGrainsManyCallers()
    {
        var next = -1;
        var callers = new Task<int>[Callers];
        for (var c = 0; c < Callers; c++)
        {
            callers[c] = Task.Run(async () =>
            {
                var last = 0;
                for (int i; (i = Interlocked.Increment(ref next)) < Calls;)
                {
                    last = await _grains.GetGrain<IPingGrain>(PingKeys.Of(i)).PingAsync();
                }
                return last;
            });
        }
        return (await Task.WhenAll(callers)).Max();
    }

    [Benchmark(OperationsPerInvoke = PingKeys.Count, Description = "Fan-out from inside one grain to 1,000 warm grains at once")]
    public Task<long> FanOut() => _fanOut.FanOutAsync(PingKeys.Count);
}
