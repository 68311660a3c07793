using Orleans.Concurrency;

namespace PrivacyLedger.Cluster.Tests.Probes;

/// <summary>A grain that only keeps a list, to test the storage providers under Orleans without domain rules in the way.</summary>
[Alias("state-probe")]
public interface IStateProbeGrain : IGrainWithStringKey
{
    /// <summary>Adds the item and returns once it is durable.</summary>
    Task AddAsync(string item);

    /// <summary>Adds the item in memory, then fails before writing: a turn that fails half way.</summary>
    Task AddThenFailAsync(string item);

    [ReadOnly]
    Task<IReadOnlyList<string>> GetAsync();
}
