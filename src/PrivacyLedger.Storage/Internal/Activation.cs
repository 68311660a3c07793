using PrivacyLedger.Storage;
namespace PrivacyLedger.Runtime.Internal;

/// <summary>
/// One in-memory instance of a grain on this node. It is valid from activation until it is
/// deactivated or dropped; a caller that gets its turn on an invalid activation retries on a new one,
/// so a call never runs on an activation that has ended.
/// </summary>
internal sealed class Activation
{
    private readonly Lazy<Task> _activation;
    private readonly List<GrainTimer> _timers = [];
    private long _lastActiveTicks;
    private volatile bool _valid = true;
    private volatile bool _deactivationRequested;

    public Activation(GrainRuntime runtime, GrainKey id, Grain instance)
    {
        Runtime = runtime;
        Id = id;
        Instance = instance;
        instance.Attach(this);
        _lastActiveTicks = runtime.TimeProvider.GetUtcNow().UtcTicks;
        _activation = new Lazy<Task>(() => runtime.ActivateAsync(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public GrainRuntime Runtime { get; }

    public GrainKey Id { get; }

    public Grain Instance { get; }

    public TurnGate Gate { get; } = new();

    public bool IsValid => _valid;

    public bool DeactivationRequested => _deactivationRequested;

    public DateTimeOffset LastActive => new(Interlocked.Read(ref _lastActiveTicks), TimeSpan.Zero);

    /// <summary>Completes when state is loaded and OnActivateAsync has run; the first caller starts it.</summary>
    public Task Activated => _activation.Value;

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastActiveTicks, now.UtcTicks);

    public void RequestDeactivation() => _deactivationRequested = true;

    /// <summary>Ends this activation: no further turn runs on it and its timers stop.</summary>
    public void Invalidate()
    {
        _valid = false;
        GrainTimer[] timers;
        lock (_timers)
        {
            timers = [.. _timers];
            _timers.Clear();
        }
        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, period);
        lock (_timers)
        {
            _timers.Add(timer);
        }
        timer.Start(dueTime);
        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (_timers)
        {
            _timers.Remove(timer);
        }
    }
}
