using Orleans;
using Orleans.Runtime;
using PrivacyLedger.Storage.Orleans;

namespace PrivacyLedger.Benchmarks;

public interface IPingGrain : IGrainWithStringKey
{
    /// <summary>Does nothing but count: the cost measured is Orleans', not the grain's.</summary>
    Task<int> PingAsync();
}

[GrainType("bench-ping")]
public sealed class PingGrain : Grain, IPingGrain
{
    private int _pings;

    public Task<int> PingAsync() => Task.FromResult(++_pings);
}

public interface IFanOutGrain : IGrainWithStringKey
{
    /// <summary>Calls <see cref="IPingGrain.PingAsync"/> on every one of the keys at once, from inside this grain, and sums the answers.</summary>
    Task<long> FanOutAsync(int grains);
}

[GrainType("bench-fan-out")]
public sealed class FanOutGrain : Grain, IFanOutGrain
{
    public async Task<long> FanOutAsync(int grains)
    {
        var calls = new Task<int>[grains];
        for (var i = 0; i < grains; i++)
        {
            calls[i] = GrainFactory.GetGrain<IPingGrain>(PingKeys.Of(i)).PingAsync();
        }
        long sum = 0;
        foreach (var answer in await Task.WhenAll(calls))
        {
            sum += answer;
        }
        return sum;
    }
}

/// <summary>The keys of the ping grains, made once so that no benchmark formats strings while it measures.</summary>
public static class PingKeys
{
    public const int Count = 1_000;

    private static readonly string[] Keys = [.. Enumerable.Range(0, Count).Select(i => $"ping-{i:D4}")];

    public static string Of(int index) => Keys[index % Count];
}

public sealed class CounterState
{
    public long Value { get; set; }
}

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Increments the persistent counter and returns once the write is durable.</summary>
    Task IncrementAsync();
}

// One interface per counter grain class, so that GetGrain needs no class-name prefix to pick the implementation.
public interface ILedgerCounterGrain : ICounterGrain;

public interface IDurableCounterGrain : ICounterGrain;

public interface IAdoNetCounterGrain : ICounterGrain;

/// <summary>A counter kept through Orleans' <c>IPersistentState</c>; the concrete grain names the storage provider.</summary>
public abstract class PersistentCounterGrain(IPersistentState<CounterState> counter) : Grain
{
    public Task IncrementAsync()
    {
        counter.State.Value++;
        return counter.WriteStateAsync();
    }
}

/// <summary>Our batched store through <c>IPersistentState</c>, as the "ledger" grain storage provider.</summary>
[GrainType("bench-ledger-counter")]
public sealed class LedgerCounterGrain([PersistentState("state", StorageSiloBuilderExtensions.StorageName)] IPersistentState<CounterState> counter)
    : PersistentCounterGrain(counter), ILedgerCounterGrain;

/// <summary>Orleans' stock ADO.NET grain storage (Microsoft.Orleans.Persistence.AdoNet), registered as "adonet".</summary>
[GrainType("bench-adonet-counter")]
public sealed class AdoNetCounterGrain([PersistentState("state", BenchmarkSilo.AdoNetStorageName)] IPersistentState<CounterState> counter)
    : PersistentCounterGrain(counter), IAdoNetCounterGrain;

/// <summary>Our batched store through its own <c>[DurableState]</c> facet, as the ledger's grains use it.</summary>
[GrainType("bench-durable-counter")]
public sealed class DurableCounterGrain([DurableState] IDurableState<CounterState> counter) : Grain, IDurableCounterGrain
{
    public Task IncrementAsync()
    {
        counter.State.Value++;
        return counter.WriteStateAsync();
    }
}
