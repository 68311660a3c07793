using PrivacyLedger.Storage.Orleans;

namespace PrivacyLedger.Cluster.Tests.Probes;

/// <summary>The probe on Orleans' own <c>IPersistentState</c>, served by the batched store's <c>IGrainStorage</c> provider.</summary>
[GrainType(TypeName)]
public sealed class PersistentStateProbeGrain([PersistentState("state", StorageSiloBuilderExtensions.StorageName)] IPersistentState<ProbeState> state)
    : Grain, IStateProbeGrain
{
    public const string TypeName = "persistent-state-probe";

    public Task AddAsync(string item)
    {
        state.State.Items.Add(item);
        return state.WriteStateAsync();
    }

    public Task AddThenFailAsync(string item)
    {
        state.State.Items.Add(item);
        throw new InvalidOperationException("The turn failed after changing the state in memory.");
    }

    public Task<IReadOnlyList<string>> GetAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Items]);
}
