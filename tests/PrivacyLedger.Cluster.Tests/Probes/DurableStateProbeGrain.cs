using PrivacyLedger.Storage.Orleans;

namespace PrivacyLedger.Cluster.Tests.Probes;

/// <summary>The probe on <see cref="IDurableState{TState}"/>, the face the domain's grains use.</summary>
[GrainType(TypeName)]
public sealed class DurableStateProbeGrain([DurableState] IDurableState<ProbeState> state) : Grain, IStateProbeGrain
{
    public const string TypeName = "durable-state-probe";

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
