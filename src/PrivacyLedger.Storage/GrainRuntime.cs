using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyLedger.Runtime.Internal;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Runtime;

/// <summary>
/// One node of the virtual-actor runtime: the directory of this node's activations, the turn-based
/// scheduler, group-committed state writes and batched activation reads, idle collection, timers and reminders.
/// See docs/runtime.md for the guarantees.
/// </summary>
public sealed class GrainRuntime : IGrainFactory, IAsyncDisposable
{
    private readonly ConcurrentDictionary<GrainKey, Activation> _activations = new();
    private readonly ConcurrentDictionary<MethodInfo, MethodDispatcher> _dispatchers = new();
    // DispatchProxy.Create reflects on every call; one generated proxy per interface is copied instead.
    private readonly ConcurrentDictionary<Type, GrainProxy> _proxyPrototypes = new();
    private readonly AsyncLocal<CallChain?> _callChain = new();
    private readonly GrainRegistry _registry;
    private readonly IServiceProvider _services;
    private readonly IReadOnlyList<IGrainCallFilter> _filters;
    private readonly IReadOnlyList<IStorageInitializer> _initializers;
    private readonly GrainRuntimeOptions _options;
    private readonly ILogger _logger;
    private readonly RuntimeMetrics _metrics;
    private readonly StorageBatches<StateWrite, StateWriteResult> _writes;
    private readonly StorageBatches<GrainKey, StoredGrainState?> _reads;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _shutdownLock = new();
    private readonly List<PeriodicTimer> _loopTimers = [];
    private TaskCompletionSource? _drained;
    private Task _background = Task.CompletedTask;
    private int _activationCount;
    private int _callsInFlight;
    private int _capacityCollectionRunning;
    private volatile bool _acceptingCalls = true;
    private bool _stopped;

    public GrainRuntime(
        GrainRegistry registry,
        IGrainStateStore stateStore,
        IReminderStore reminderStore,
        IServiceProvider services,
        IOptions<GrainRuntimeOptions> options,
        TimeProvider timeProvider,
        ILogger<GrainRuntime> logger,
        IEnumerable<IGrainCallFilter> filters,
        IEnumerable<IStorageInitializer> initializers,
        IGrainStateSerializer? serializer = null,
        IMeterFactory? meterFactory = null)
    {
        _registry = registry;
        _services = services;
        _options = options.Value;
        _logger = logger;
        _filters = [.. filters];
        _initializers = [.. initializers];
        TimeProvider = timeProvider;
        Serializer = serializer ?? new JsonGrainStateSerializer();
        _metrics = new RuntimeMetrics(meterFactory, () => Volatile.Read(ref _activationCount));
        // Group commit, and its mirror for the state reads of activations.
        _writes = new(writes => stateStore.WriteAsync(writes), _options.MaxWriteBatchSize, _options.MaxConcurrentWriteBatches,
            _metrics.WriteBatchCompleted, (exception, count) => RuntimeLog.WriteBatchFailed(logger, exception, count));
        _reads = new(grainIds => stateStore.ReadManyAsync(grainIds), _options.MaxReadBatchSize, _options.MaxConcurrentReadBatches,
            _metrics.ReadBatchCompleted, (exception, count) => RuntimeLog.ReadBatchFailed(logger, exception, count));
        Reminders = new ReminderService(this, reminderStore, _options, logger);
    }

    public TimeProvider TimeProvider { get; }

    public string NodeId => _options.NodeId;

    /// <summary>How many activations this node holds now.</summary>
    public int ActivationCount => Volatile.Read(ref _activationCount);

    internal IGrainStateSerializer Serializer { get; }

    internal ReminderService Reminders { get; }

    /// <summary>Prepares storage and starts idle collection and reminder polling.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        foreach (var initializer in _initializers)
        {
            await initializer.InitializeAsync(cancellationToken);
        }
        _background = Task.WhenAll(
            RunInBackgroundAsync(CollectLoopAsync, _options.CollectionInterval),
            RunInBackgroundAsync(timer => Reminders.RunAsync(timer, _stopping.Token), _options.ReminderPollInterval));
        RuntimeLog.Started(_logger, NodeId);
    }

    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrain
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var registration = _registry.ForInterface(typeof(TGrainInterface));
        var prototype = _proxyPrototypes.GetOrAdd(typeof(TGrainInterface), static _ => (GrainProxy)(object)DispatchProxy.Create<TGrainInterface, GrainProxy>()!);
        return (TGrainInterface)(object)prototype.BoundCopy(this, new GrainKey(registration.TypeName, key));
    }

    internal bool Hosts(string grainType) => _registry.TryGetByName(grainType, out _);

    internal MethodDispatcher DispatcherFor(MethodInfo method) => _dispatchers.GetOrAdd(method, MethodDispatcher.Create);

    /// <summary>
    /// Runs one call as a turn on the grain's activation, activating it first if needed. A call that found
    /// its activation ended before its turn began retries on a fresh one; a call that began is never retried.
    /// </summary>
    internal async Task<T> InvokeAsync<T>(GrainKey grainId, MethodDispatcher? dispatcher, bool readOnly, Func<Grain, Task<T>> body)
    {
        var chain = _callChain.Value;
        if (chain is not null && chain.Contains(grainId))
        {
            throw new GrainDeadlockException(grainId);
        }
        // Counted before the check, so a call racing shutdown is either refused or waited for, never missed.
        Interlocked.Increment(ref _callsInFlight);
        try
        {
            // During shutdown, calls made by turns still in flight go on; only new outside calls are refused.
            if (!_acceptingCalls && chain is null)
            {
                throw new GrainRuntimeStoppingException();
            }
            _metrics.CallStarted();
            while (true)
            {
                var activation = GetOrCreateActivation(grainId);
                await activation.Activated;
                await EnterTurnAsync(activation, readOnly);
                try
                {
                    if (!activation.IsValid)
                    {
                        continue;
                    }
                    activation.Touch(TimeProvider.GetUtcNow());
                    _callChain.Value = new CallChain(grainId, chain);
                    try
                    {
                        return _filters.Count == 0 || dispatcher is null
                            ? await body(activation.Instance)
                            : await InvokeFilteredAsync(dispatcher.ContextFor(grainId), activation.Instance, body);
                    }
                    catch when (!readOnly && activation.Instance is IStatefulGrain)
                    {
                        // The turn may have changed the state in memory before it failed. Dropping the activation
                        // means the next call reads the state from storage: a failed turn leaves no trace.
                        Drop(activation);
                        throw;
                    }
                }
                finally
                {
                    activation.Gate.Exit(readOnly);
                    if (activation.DeactivationRequested && activation.IsValid)
                    {
                        _ = DeactivateAsync(activation, DeactivationReason.Requested);
                    }
                }
            }
        }
        finally
        {
            if (Interlocked.Decrement(ref _callsInFlight) == 0 && !_acceptingCalls)
            {
                lock (_shutdownLock)
                {
                    _drained?.TrySetResult();
                }
            }
        }
    }

    private async Task EnterTurnAsync(Activation activation, bool readOnly)
    {
        try
        {
            await activation.Gate.EnterAsync(readOnly, _options.CallTimeout, TimeProvider);
        }
        catch (TimeoutException)
        {
            throw new GrainCallTimeoutException(activation.Id, _options.CallTimeout);
        }
    }

    private async Task<T> InvokeFilteredAsync<T>(GrainCallContext context, Grain grain, Func<Grain, Task<T>> body)
    {
        T result = default!;
        Func<Task> next = async () => result = await body(grain);
        for (var i = _filters.Count - 1; i >= 0; i--)
        {
            var filter = _filters[i];
            var inner = next;
            next = () => filter.InvokeAsync(context, inner);
        }
        await next();
        return result;
    }

    private Activation GetOrCreateActivation(GrainKey grainId)
    {
        if (_activations.TryGetValue(grainId, out var existing))
        {
            return existing;
        }
        if (!_registry.TryGetByName(grainId.Type, out var registration))
        {
            throw new InvalidOperationException($"Grain type '{grainId.Type}' is not registered.");
        }
        var created = new Activation(this, grainId, (Grain)registration.Factory(_services, null));
        var activation = _activations.GetOrAdd(grainId, created);
        if (ReferenceEquals(activation, created))
        {
            _metrics.Activated();
            if (Interlocked.Increment(ref _activationCount) > _options.MaxActivations)
            {
                // Off the caller's path: eviction sorts every activation.
                _ = Task.Run(CollectOverCapacityAsync);
            }
        }
        return activation;
    }

    /// <summary>Reads persistent state and runs OnActivateAsync; a failure removes the activation so the next call tries afresh.</summary>
    internal async Task ActivateAsync(Activation activation)
    {
        try
        {
            if (activation.Instance is IStatefulGrain stateful)
            {
                stateful.Load(await ReadStateAsync(activation.Id), Serializer);
            }
            await activation.Instance.OnActivateAsync(_stopping.Token);
        }
        catch (Exception exception)
        {
            RuntimeLog.ActivationFailed(_logger, exception, activation.Id);
            Drop(activation);
            throw;
        }
    }

    /// <summary>Reads a grain's state; reads of many activations that ask together share one round trip.</summary>
    internal Task<StoredGrainState?> ReadStateAsync(GrainKey grainId) => _reads.SendAsync(grainId);

    internal async Task<long> WriteStateAsync(Activation activation, StateWrite write)
    {
        var result = await _writes.SendAsync(write);
        if (result.IsConflict)
        {
            RuntimeLog.StateConflict(_logger, activation.Id, write.ExpectedVersion);
            Drop(activation);
            throw new GrainStateConflictException(activation.Id, write.ExpectedVersion);
        }
        return result.Version;
    }

    internal async Task RunTimerTickAsync(Activation activation, Func<CancellationToken, Task> callback, CancellationToken timerDisposed)
    {
        if (!activation.IsValid || !_acceptingCalls)
        {
            return;
        }
        try
        {
            // A timer registered in OnActivateAsync must not tick before activation has finished.
            await activation.Activated;
            await activation.Gate.EnterAsync(shared: false, Timeout.InfiniteTimeSpan, TimeProvider);
            try
            {
                if (activation.IsValid && !timerDisposed.IsCancellationRequested)
                {
                    _callChain.Value = new CallChain(activation.Id, null);
                    await callback(timerDisposed);
                }
            }
            finally
            {
                activation.Gate.Exit(shared: false);
            }
        }
        catch (Exception exception)
        {
            RuntimeLog.TimerFailed(_logger, exception, activation.Id);
            if (activation.Instance is IStatefulGrain)
            {
                Drop(activation); // As for a failed call: what the tick changed in memory must not survive it.
            }
        }
    }

    /// <summary>Removes an activation from the directory without a last turn (it is stale or failed).</summary>
    private void Drop(Activation activation)
    {
        activation.Invalidate();
        if (_activations.TryRemove(new KeyValuePair<GrainKey, Activation>(activation.Id, activation)))
        {
            Interlocked.Decrement(ref _activationCount);
            _metrics.Deactivated();
        }
    }

    /// <summary>Ends an activation with a last turn that runs OnDeactivateAsync. Waits for the turns before it.</summary>
    private async Task DeactivateAsync(Activation activation, DeactivationReason reason)
    {
        try
        {
            await activation.Activated;
        }
        catch (Exception)
        {
            return; // A failed activation was removed when it failed.
        }
        await activation.Gate.EnterAsync(shared: false, Timeout.InfiniteTimeSpan, TimeProvider);
        await DeactivateInTurnAsync(activation, reason);
    }

    /// <summary>
    /// The activation's last turn: the caller holds the exclusive turn. Callers queued behind it see the
    /// activation invalid and retry on a new one, which reads the state this turn left in storage.
    /// </summary>
    private async Task DeactivateInTurnAsync(Activation activation, DeactivationReason reason)
    {
        try
        {
            if (!activation.IsValid)
            {
                return;
            }
            try
            {
                // An activation that never finished activating has nothing to wind down.
                if (activation.Activated.IsCompletedSuccessfully)
                {
                    _callChain.Value = new CallChain(activation.Id, null);
                    await activation.Instance.OnDeactivateAsync(reason, CancellationToken.None);
                }
            }
            catch (Exception exception)
            {
                RuntimeLog.DeactivationFailed(_logger, exception, activation.Id, reason);
            }
            Drop(activation);
        }
        finally
        {
            activation.Gate.Exit(shared: false);
        }
    }

    /// <summary>Deactivates activations unused for longer than the idle age; returns how many.</summary>
    public async Task<int> CollectIdleActivationsAsync()
    {
        var cutoff = TimeProvider.GetUtcNow() - _options.IdleDeactivationAge;
        var count = 0;
        foreach (var activation in _activations.Values)
        {
            if (activation.LastActive <= cutoff && activation.Activated.IsCompletedSuccessfully && activation.Gate.TryEnterExclusive())
            {
                await DeactivateInTurnAsync(activation, DeactivationReason.Idle);
                count++;
            }
        }
        if (count > 0)
        {
            RuntimeLog.Collected(_logger, count, DeactivationReason.Idle);
        }
        return count;
    }

    /// <summary>Past the cap, deactivates the least recently used idle activations down to 90% of it.</summary>
    private async Task CollectOverCapacityAsync()
    {
        if (Interlocked.Exchange(ref _capacityCollectionRunning, 1) == 1)
        {
            return;
        }
        try
        {
            var target = (int)(_options.MaxActivations * 0.9);
            var excess = ActivationCount - target;
            if (excess <= 0)
            {
                return;
            }
            var oldest = _activations.Values
                .Select(activation => (activation, activation.LastActive))
                .OrderBy(entry => entry.LastActive)
                .Take(excess)
                .ToList();
            var count = 0;
            foreach (var (activation, _) in oldest)
            {
                if (activation.Activated.IsCompletedSuccessfully && activation.Gate.TryEnterExclusive())
                {
                    await DeactivateInTurnAsync(activation, DeactivationReason.CapacityExceeded);
                    count++;
                }
            }
            RuntimeLog.Collected(_logger, count, DeactivationReason.CapacityExceeded);
        }
        catch (Exception exception)
        {
            RuntimeLog.CollectionFailed(_logger, exception);
        }
        finally
        {
            Volatile.Write(ref _capacityCollectionRunning, 0);
        }
    }

    private async Task CollectLoopAsync(PeriodicTimer timer)
    {
        while (await timer.WaitForNextTickAsync())
        {
            try
            {
                await CollectIdleActivationsAsync();
            }
            catch (Exception exception)
            {
                RuntimeLog.CollectionFailed(_logger, exception);
            }
        }
    }

    /// <summary>
    /// Runs a loop paced by a timer on the runtime's clock. Shutdown disposes the timer, which ends the
    /// loop at its next wait: disposal wakes a waiting timer however the clock behaves.
    /// </summary>
    private async Task RunInBackgroundAsync(Func<PeriodicTimer, Task> loop, TimeSpan interval)
    {
        var timer = new PeriodicTimer(interval, TimeProvider);
        lock (_shutdownLock)
        {
            if (_stopped)
            {
                timer.Dispose();
                return;
            }
            _loopTimers.Add(timer);
        }
        await Task.Yield();
        await loop(timer);
    }

    /// <summary>
    /// Graceful shutdown: refuse new calls, let turns in flight finish (up to the shutdown timeout), give
    /// every activation its last turn, then flush every queued state write (and answer every queued read).
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_shutdownLock)
        {
            if (_stopped)
            {
                return;
            }
            _stopped = true;
            _acceptingCalls = false;
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (Volatile.Read(ref _callsInFlight) == 0)
            {
                _drained.TrySetResult();
            }
        }
        RuntimeLog.Stopping(_logger, NodeId, ActivationCount);
        await _stopping.CancelAsync();
        lock (_shutdownLock)
        {
            _loopTimers.ForEach(timer => timer.Dispose());
        }
        await _background;
        var finishedInTime = true;
        try
        {
            await _drained.Task.WaitAsync(_options.ShutdownTimeout, TimeProvider, cancellationToken);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            // The runtime's own timeout, or the host's stop token: either way, stop waiting for turns.
            finishedInTime = false;
            RuntimeLog.ShutdownTimedOut(_logger, Volatile.Read(ref _callsInFlight));
        }
        try
        {
            // A turn that outlived the wait keeps its activation's gate; waiting for it would hang shutdown.
            // Such activations are abandoned without a last turn; a write they attempt later finds the writer
            // closed and fails, so nothing of theirs is acknowledged.
            await Task.WhenAll(_activations.Values.Select(activation => finishedInTime || activation.Gate.IsIdle
                ? DeactivateAsync(activation, DeactivationReason.Shutdown)
                : Task.CompletedTask));
        }
        finally
        {
            await Task.WhenAll(_reads.CloseAsync(), _writes.CloseAsync());
        }
        _metrics.Dispose();
        RuntimeLog.Stopped(_logger, NodeId);
    }

    // The stopping token source holds no timer, so it is left to the GC rather than disposed: an activation
    // racing with disposal may still read its token.
    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>The grains a call passed through, to refuse a call back into one of them (it would wait for itself).</summary>
    private sealed record CallChain(GrainKey GrainKey, CallChain? Caller)
    {
        public bool Contains(GrainKey grainId)
        {
            for (var link = this; link is not null; link = link.Caller)
            {
                if (link.GrainKey == grainId)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
