using PrivacyLedger.Runtime.Internal;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Runtime;

/// <summary>
/// A grain with persistent state: read before <see cref="Grain.OnActivateAsync"/>, written only when
/// the grain says so. Writes carry the version read, so a stale activation can never overwrite a newer one.
/// </summary>
public abstract class Grain<TState> : Grain, IStatefulGrain where TState : class, new()
{
    private TState _state = new();

    protected TState State
    {
        get => _state;
        set => _state = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>True once the state exists in storage (written and not cleared).</summary>
    protected bool RecordExists { get; private set; }

    /// <summary>The version (ETag) of the state last read or written; 0 when storage has none.</summary>
    protected long StateVersion { get; private set; }

    /// <summary>
    /// Writes the state and returns once it is durable. Writes of many activations that arrive together
    /// share one round trip. A conflict throws <see cref="GrainStateConflictException"/> and drops this activation.
    /// </summary>
    protected Task WriteStateAsync() => WriteStateAsync([], []);

    /// <summary>
    /// Writes the state together with stream events, ordered-set changes and unique-index releases derived
    /// from it: all of them commit in one transaction, or none does.
    /// </summary>
    protected async Task WriteStateAsync(IReadOnlyList<StreamAppend> appends, IReadOnlyList<SetEntryChange> setChanges, IReadOnlyList<UniqueKeyRelease>? indexReleases = null)
    {
        var write = new StateWrite(GrainKey, StateVersion, Activation.Runtime.Serializer.Serialize(_state))
        {
            Appends = appends,
            SetChanges = setChanges,
            IndexReleases = indexReleases ?? [],
        };
        StateVersion = await Activation.Runtime.WriteStateAsync(Activation, write);
        RecordExists = true;
    }

    /// <summary>Clears the state in storage (a tombstone remains so a stale writer cannot bring it back) and resets it here.</summary>
    protected async Task ClearStateAsync()
    {
        StateVersion = await Activation.Runtime.WriteStateAsync(Activation, new StateWrite(GrainKey, StateVersion, Payload: null));
        RecordExists = false;
        _state = new TState();
    }

    /// <summary>Re-reads the state from storage, discarding unsaved changes.</summary>
    protected async Task ReadStateAsync()
    {
        var stored = await Activation.Runtime.ReadStateAsync(GrainKey);
        ((IStatefulGrain)this).Load(stored, Activation.Runtime.Serializer);
    }

    void IStatefulGrain.Load(StoredGrainState? stored, IGrainStateSerializer serializer)
    {
        StateVersion = stored?.Version ?? 0;
        RecordExists = stored?.Payload is not null;
        _state = stored?.Payload is { } payload ? serializer.Deserialize<TState>(payload) : new TState();
    }
}
