namespace PrivacyLedger.Storage.Orleans;

/// <summary>
/// A grain's state in the system of record, read before the grain's <c>OnActivateAsync</c> and written only when
/// the grain says so. A write carries the version read, so a stale activation never overwrites a newer one: it fails
/// with <see cref="global::Orleans.Storage.InconsistentStateException"/> and Orleans drops the activation. Unlike
/// <c>IPersistentState</c>, a write can carry what must commit with the state or not at all: stream events, ordered-set
/// entries and unique-key releases. Take it in the grain's constructor with <see cref="DurableStateAttribute"/>.
/// </summary>
public interface IDurableState<TState> where TState : class, new()
{
    TState State { get; set; }

    /// <summary>True once the state exists in storage (written and not cleared).</summary>
    bool RecordExists { get; }

    /// <summary>The version (ETag) last read or written; 0 when storage has none.</summary>
    long Version { get; }

    /// <summary>Writes the state, with whatever must commit with it, and returns once it is durable.</summary>
    Task WriteStateAsync(StateChanges? changes = null);

    /// <summary>Clears the state in storage (a tombstone stays so a stale writer cannot bring it back) and resets it here.</summary>
    Task ClearStateAsync();

    /// <summary>Reads the state from storage again, discarding what was not written.</summary>
    Task ReadStateAsync();
}
