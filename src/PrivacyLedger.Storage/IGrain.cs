using PrivacyLedger.Storage;
namespace PrivacyLedger.Runtime;

/// <summary>
/// Marker for grain interfaces. Every method of a grain interface returns <see cref="Task"/> or
/// <see cref="Task{TResult}"/>; calls to it are turns on the grain's single activation.
/// </summary>
public interface IGrain;

/// <summary>
/// Marks a grain interface method as read-only: it may interleave with other read-only calls on the
/// same activation, never with an ordinary turn. It must not change the grain's state.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class ReadOnlyAttribute : Attribute;

/// <summary>A grain that receives durable reminders implements this.</summary>
public interface IRemindable
{
    /// <summary>
    /// Called at least once per due tick. A tick can be repeated after a crash or a lost lease, so the
    /// handler must be idempotent.
    /// </summary>
    Task ReceiveReminderAsync(string reminderName, ReminderTick tick);
}

/// <summary>What the runtime knows of a reminder tick when it delivers it.</summary>
public sealed record ReminderTick(DateTimeOffset DueAt, TimeSpan Period, DateTimeOffset DeliveredAt);
