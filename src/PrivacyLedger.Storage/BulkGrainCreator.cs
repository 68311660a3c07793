using PrivacyLedger.Storage;

using PrivacyLedger.Runtime;

namespace PrivacyLedger.Storage;

/// <summary>
/// Creates many new grains straight in storage, bypassing activations and turns: the way in for imports of
/// millions. It is safe because the grains are new: no activation can hold newer state than storage, and
/// one that was activated on an empty key meanwhile reads version 0, so its first write conflicts and it
/// reloads what was loaded here (see docs/runtime.md).
/// </summary>
public sealed class BulkGrainCreator(GrainRuntime runtime, GrainRegistry registry, IBulkGrainLoader loader)
{
    /// <summary>The first write of a new grain of <typeparamref name="TGrainInterface"/>, serialized as its activation would.</summary>
    public StateWrite FirstWrite<TGrainInterface, TState>(string key, TState state, IReadOnlyList<StreamAppend> appends, IReadOnlyList<SetEntryChange> setChanges)
        where TGrainInterface : IGrain
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var grainId = new GrainKey(registry.ForInterface(typeof(TGrainInterface)).TypeName, key);
        return new StateWrite(grainId, ExpectedVersion: 0, runtime.Serializer.Serialize(state)) { Appends = appends, SetChanges = setChanges };
    }

    /// <summary>Loads the writes and claims all together, or reports the conflicting claims and writes nothing.</summary>
    public Task<BulkLoadOutcome> LoadAsync(BulkLoad load, CancellationToken cancellationToken = default) =>
        load.States.Count == 0 && load.Claims.Count == 0 ? Task.FromResult(BulkLoadOutcome.Committed) : loader.LoadAsync(load, cancellationToken);
}
