using PrivacyLedger.Runtime;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Benchmarks;

public interface IPingGrain : IGrain
{
    /// <summary>Does nothing but count: the cost measured is the runtime's, not the grain's.</summary>
    Task<int> PingAsync();
}

public sealed class PingGrain : Grain, IPingGrain
{
    private int _pings;

    public Task<int> PingAsync() => Task.FromResult(++_pings);
}

public sealed class CounterState
{
    public long Value { get; set; }
}

public interface ICounterGrain : IGrain
{
    /// <summary>Increments the persistent counter and returns once the write is durable.</summary>
    Task IncrementAsync();
}

public sealed class CounterGrain : Grain<CounterState>, ICounterGrain
{
    public async Task IncrementAsync()
    {
        State.Value++;
        await WriteStateAsync();
    }
}
