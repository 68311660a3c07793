using Orleans;
using Orleans.Runtime;
using PrivacyLedger.Storage.Orleans;

namespace PrivacyLedger.Ledger.Retention;

[GrainType("retention-sweep")]
public sealed class RetentionSweepGrain([DurableState] IDurableState<RetentionSweepState> state, RetentionSweeper sweeper) : Grain, IRetentionSweepGrain, IRemindable
{
    public const string DailyKey = "daily";
    private const string ReminderName = "sweep";

    public async Task EnsureScheduledAsync(TimeSpan interval)
    {
        // Registering again would push the next sweep back a whole interval on every restart.
        if (state.State.Interval == interval && await this.GetReminder(ReminderName) is not null)
        {
            return;
        }
        await this.RegisterOrUpdateReminder(ReminderName, interval, interval);
        state.State.Interval = interval;
        await state.WriteStateAsync();
    }

    public Task<SweepReport> SweepNowAsync(string? registerId, bool dryRun, Actor actor) => sweeper.SweepAsync(registerId, dryRun, actor);

    public Task ReceiveReminder(string reminderName, TickStatus status) => sweeper.SweepAsync(null, dryRun: false, new Actor("retention-sweep", "system"));
}
