namespace PrivacyLedger.Storage;

/// <summary>
/// Creates many new grains straight in storage, bypassing activations: the way in for imports of millions. It is
/// safe because the grains are new: no activation can hold newer state than storage, and one that was activated on
/// an empty key meanwhile read version 0, so its first write conflicts, it is dropped, and the next activation reads
/// what was loaded here (see docs/orleans.md).
/// </summary>
public sealed class BulkGrainCreator(IGrainStateSerializer serializer, IBulkGrainLoader loader)
{
    /// <summary>The first write of a new grain of type <paramref name="grainType"/> (its <c>[GrainType]</c> name), serialized as its activation would.</summary>
    public StateWrite FirstWrite<TState>(string grainType, string key, TState state, IReadOnlyList<StreamAppend> appends, IReadOnlyList<SetEntryChange> setChanges)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return new StateWrite(new GrainKey(grainType, key), ExpectedVersion: 0, serializer.Serialize(state)) { Appends = appends, SetChanges = setChanges };
    }

    /// <summary>Loads the writes and claims all together, or reports the conflicting claims and writes nothing.</summary>
    public Task<BulkLoadOutcome> LoadAsync(BulkLoad load, CancellationToken cancellationToken = default) =>
        load.States.Count == 0 && load.Claims.Count == 0 ? Task.FromResult(BulkLoadOutcome.Committed) : loader.LoadAsync(load, cancellationToken);
}
