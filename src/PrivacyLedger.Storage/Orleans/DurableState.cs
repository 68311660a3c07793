using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;

namespace PrivacyLedger.Storage.Orleans;

/// <summary>
/// One activation's <see cref="IDurableState{TState}"/>, read in the grain lifecycle's SetupState stage (before
/// <c>OnActivateAsync</c>) through the batched store, so activations that start together share a read round trip.
/// </summary>
internal sealed class DurableState<TState> : IDurableState<TState>, ILifecycleParticipant<IGrainLifecycle>, IDurableStateMarker
    where TState : class, new()
{
    private readonly GrainKey _key;
    private readonly BatchedGrainStateStore _store;
    private readonly IGrainStateSerializer _serializer;
    private readonly StorageMetrics _metrics;
    private readonly ILogger _logger;
    // Null until read or first used: the read in SetupState replaces it, so an empty state made up front was garbage.
    private TState? _state;

    public DurableState(IGrainContext context)
    {
        _key = context.GrainId.ToGrainKey();
        var services = context.ActivationServices;
        _store = services.GetRequiredService<BatchedGrainStateStore>();
        _serializer = services.GetRequiredService<IGrainStateSerializer>();
        _metrics = services.GetRequiredService<StorageMetrics>();
        _logger = services.GetRequiredService<ILogger<DurableState<TState>>>();
        // Lets the failed-turn filter know this activation holds state that a failed turn may have changed.
        context.SetComponent<IDurableStateMarker>(this);
        Participate(context.ObservableLifecycle);
    }

    public TState State
    {
        get => _state ??= new();
        set => _state = value ?? throw new ArgumentNullException(nameof(value));
    }

    public bool RecordExists { get; private set; }

    public long Version { get; private set; }

    public void Participate(IGrainLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DurableState<TState>), GrainLifecycleStage.SetupState, ct => ct.IsCancellationRequested ? Task.CompletedTask : ReadStateAsync());

    public async Task ReadStateAsync()
    {
        var stored = await _store.ReadAsync(_key);
        Version = stored?.Version ?? 0;
        RecordExists = stored?.Payload is not null;
        _state = stored?.Payload is { } payload ? _serializer.Deserialize<TState>(payload) : new TState();
    }

    public async Task WriteStateAsync(StateChanges? changes = null)
    {
        Version = await WriteAsync(new StateWrite(_key, Version, _serializer.Serialize(State))
        {
            Appends = changes?.Appends ?? [],
            SetChanges = changes?.SetChanges ?? [],
            IndexReleases = changes?.IndexReleases ?? [],
        });
        RecordExists = true;
    }

    public async Task ClearStateAsync()
    {
        Version = await WriteAsync(new StateWrite(_key, Version, Payload: null));
        RecordExists = false;
        _state = new TState();
    }

    private async Task<long> WriteAsync(StateWrite write)
    {
        var result = await _store.WriteAsync(write);
        if (result.IsConflict)
        {
            _metrics.Conflict();
            StorageLog.StateConflict(_logger, _key, write.ExpectedVersion);
            // Orleans deactivates an activation whose call throws this, so the next call reads storage afresh.
            throw new InconsistentStateException(
                $"The state of grain {_key} changed in storage since version {write.ExpectedVersion} was read; the write was rejected.",
                storedEtag: "unknown", currentEtag: write.ExpectedVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return result.Version;
    }
}

/// <summary>Present on an activation that holds durable state.</summary>
internal interface IDurableStateMarker;
