using PrivacyLedger.Runtime;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Retention;

/// <summary>The daily sweep: one grain ("daily") whose durable reminder runs the sweep once a day, on one node at a time.</summary>
public interface IRetentionSweepGrain : IGrain
{
    /// <summary>Makes sure the daily reminder exists (called at every start-up) without moving its next due time.</summary>
    Task EnsureScheduledAsync(TimeSpan interval);

    /// <summary>Runs a sweep now; one at a time, so a manual sweep and the daily one never overlap.</summary>
    Task<SweepReport> SweepNowAsync(string? registerId, bool dryRun, Actor actor);
}

public sealed class RetentionSweepGrain(RetentionSweeper sweeper) : Grain, IRetentionSweepGrain, IRemindable
{
    public const string DailyKey = "daily";
    private const string ReminderName = "sweep";

    public async Task EnsureScheduledAsync(TimeSpan interval)
    {
        // Registering again would push the next sweep back a whole interval on every restart.
        var existing = (await GetRemindersAsync()).FirstOrDefault(reminder => reminder.Name == ReminderName);
        if (existing is null || existing.Period != interval)
        {
            await RegisterOrUpdateReminderAsync(ReminderName, interval, interval);
        }
    }

    public Task<SweepReport> SweepNowAsync(string? registerId, bool dryRun, Actor actor) => sweeper.SweepAsync(registerId, dryRun, actor);

    public Task ReceiveReminderAsync(string reminderName, ReminderTick tick) => sweeper.SweepAsync(null, dryRun: false, new Actor("retention-sweep", "system"));
}
