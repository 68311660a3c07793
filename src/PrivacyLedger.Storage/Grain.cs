using PrivacyLedger.Storage;
using PrivacyLedger.Runtime.Internal;

namespace PrivacyLedger.Runtime;

/// <summary>
/// Base class of grain implementations. The runtime creates one instance per activation and runs
/// its calls one turn at a time, so a grain's fields need no locks.
/// </summary>
public abstract class Grain
{
    private Activation? _activation;

    internal Activation Activation => _activation ?? throw new InvalidOperationException("The grain is not attached to an activation.");

    internal void Attach(Activation activation) => _activation = activation;

    protected GrainKey GrainKey => Activation.Id;

    /// <summary>The key this grain is addressed by.</summary>
    protected string Key => Activation.Id.Key;

    protected IGrainFactory GrainFactory => Activation.Runtime;

    protected TimeProvider TimeProvider => Activation.Runtime.TimeProvider;

    /// <summary>Runs once when the activation starts, after its persistent state has been read.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs as the activation's last turn when it is deactivated (idle, evicted or shutdown).</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Asks the runtime to deactivate this grain after the current turn.</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivation();

    /// <summary>
    /// An in-memory timer whose callback runs as a turn of this activation. It dies with the activation
    /// and does not keep it alive; the next tick is scheduled after the callback finishes.
    /// </summary>
    protected IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Activation.RegisterTimer(callback, dueTime, period);

    /// <summary>Registers (or replaces) a durable reminder; the grain must implement <see cref="IRemindable"/>.</summary>
    protected Task RegisterOrUpdateReminderAsync(string name, TimeSpan dueTime, TimeSpan period)
    {
        if (this is not IRemindable)
        {
            throw new InvalidOperationException($"Grain type {GetType().Name} must implement {nameof(IRemindable)} to register reminders.");
        }
        return Activation.Runtime.Reminders.RegisterAsync(GrainKey, name, dueTime, period);
    }

    protected Task<bool> UnregisterReminderAsync(string name) => Activation.Runtime.Reminders.UnregisterAsync(GrainKey, name);

    /// <summary>This grain's reminders as stored, with their next due times.</summary>
    protected Task<IReadOnlyList<Storage.ReminderEntry>> GetRemindersAsync() => Activation.Runtime.Reminders.ListAsync(GrainKey);
}

public enum DeactivationReason
{
    Idle,
    CapacityExceeded,
    Requested,
    StateConflict,
    Shutdown,
}
