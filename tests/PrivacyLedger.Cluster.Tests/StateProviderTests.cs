using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using PrivacyLedger.Cluster.Tests.Probes;
using PrivacyLedger.Storage;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Cluster.Tests;

/// <summary>
/// The batched store as Orleans sees it, through both faces: the domain's <c>[DurableState]</c> and Orleans'
/// <c>[PersistentState]</c> on the "ledger" provider. A stale activation's write fails and the activation is dropped,
/// so storage is never overwritten; a turn that fails half way leaves nothing behind in memory.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StateProviderTests(PostgresClusterFixture postgres) : LedgerClusterTestBase(postgres)
{
    public static TheoryData<string> Faces => [DurableStateProbeGrain.TypeName, PersistentStateProbeGrain.TypeName];

    [Theory]
    [MemberData(nameof(Faces))]
    public async Task A_turn_that_fails_half_way_leaves_no_trace_in_memory(string grainType)
    {
        var probe = Probe(grainType, "half-way");
        await probe.AddAsync("kept");

        await Assert.ThrowsAsync<InvalidOperationException>(() => probe.AddThenFailAsync("lost"));

        Assert.Equal(["kept"], await probe.GetAsync());
    }

    [Theory]
    [MemberData(nameof(Faces))]
    public async Task A_stale_activation_cannot_overwrite_a_newer_state_and_the_next_call_reads_it(string grainType)
    {
        var probe = Probe(grainType, "stale");
        await probe.AddAsync("first");
        // Another writer (a second activation in a partition, or an operator) moves the stored state on.
        var store = Cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainStateStore>();
        var key = new GrainKey(grainType, "stale");
        var stored = (await store.ReadAsync(key))!;
        var newer = JsonSerializer.SerializeToUtf8Bytes(new ProbeState { Items = ["first", "written elsewhere"] }, JsonSerializerOptions.Web);
        Assert.False((await store.WriteAsync([new StateWrite(key, stored.Version, newer)]))[0].IsConflict);

        await Assert.ThrowsAsync<InconsistentStateException>(() => probe.AddAsync("from the stale activation"));

        Assert.Equal(["first", "written elsewhere"], await probe.GetAsync());
        await probe.AddAsync("after");
        Assert.Equal(["first", "written elsewhere", "after"], await probe.GetAsync());
    }

    /// <summary>Two grain classes serve the probe interface; the grain type picks one.</summary>
    private IStateProbeGrain Probe(string grainType, string key) => Client.GetGrain<IStateProbeGrain>(GrainId.Create(grainType, key));
}
