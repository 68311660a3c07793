using Microsoft.Extensions.Logging;
using PrivacyLedger.Runtime.Storage;

namespace PrivacyLedger.Runtime.Internal;

/// <summary>
/// Durable reminders. Registrations live in storage; every node polls for due ticks and claims them with
/// a lease, so a tick runs on one node at a time. A tick is completed (rescheduled or removed) only after
/// the grain handled it; a crash before that leaves the lease to expire and another poll to run it again:
/// at least once.
/// </summary>
internal sealed class ReminderService(GrainRuntime runtime, IReminderStore store, GrainRuntimeOptions options, ILogger logger)
{
    private const int ClaimBatchSize = 100;

    public Task RegisterAsync(GrainId grainId, string name, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.Zero);
        var dueAt = runtime.TimeProvider.GetUtcNow() + dueTime;
        return store.UpsertAsync(new ReminderEntry(grainId, name, dueAt, period));
    }

    public Task<bool> UnregisterAsync(GrainId grainId, string name) => store.DeleteAsync(grainId, name);

    /// <summary>Polls now and at every tick of <paramref name="timer"/> until it is disposed.</summary>
    public async Task RunAsync(PeriodicTimer timer)
    {
        do
        {
            await PollAsync(CancellationToken.None);
        }
        while (await timer.WaitForNextTickAsync());
    }

    /// <summary>Claims and delivers due ticks until none is left.</summary>
    public async Task PollAsync(CancellationToken stopping)
    {
        try
        {
            IReadOnlyList<ClaimedReminder> claims;
            do
            {
                claims = await store.ClaimDueAsync(runtime.TimeProvider.GetUtcNow(), options.ReminderLease, ClaimBatchSize, stopping);
                await Task.WhenAll(claims.Select(DeliverAsync));
            }
            while (claims.Count == ClaimBatchSize && !stopping.IsCancellationRequested);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            RuntimeLog.ReminderPollFailed(logger, exception);
        }
    }

    private async Task DeliverAsync(ClaimedReminder claim)
    {
        var reminder = claim.Reminder;
        if (!runtime.Hosts(reminder.GrainId.Type))
        {
            RuntimeLog.ReminderForUnknownType(logger, reminder.GrainId.Type, reminder.Name);
            return; // Left leased: a node that hosts the type takes it after the lease.
        }
        try
        {
            var now = runtime.TimeProvider.GetUtcNow();
            var tick = new ReminderTick(reminder.DueAt, reminder.Period, now);
            await runtime.InvokeAsync<object?>(reminder.GrainId, dispatcher: null, readOnly: false, async grain =>
            {
                await ((IRemindable)grain).ReceiveReminderAsync(reminder.Name, tick);
                return null;
            });
            await store.CompleteAsync(claim, NextDueAt(reminder, runtime.TimeProvider.GetUtcNow()));
        }
        catch (Exception exception)
        {
            RuntimeLog.ReminderFailed(logger, exception, reminder.GrainId, reminder.Name);
            try
            {
                await store.ReleaseAsync(claim);
            }
            catch (Exception releaseFailure)
            {
                // The lease runs out by itself; the tick is retried then.
                RuntimeLog.ReminderFailed(logger, releaseFailure, reminder.GrainId, reminder.Name);
            }
        }
    }

    /// <summary>The first occurrence after <paramref name="now"/>; missed occurrences are not replayed one by one.</summary>
    internal static DateTimeOffset? NextDueAt(ReminderEntry reminder, DateTimeOffset now)
    {
        if (reminder.Period <= TimeSpan.Zero)
        {
            return null;
        }
        var next = reminder.DueAt + reminder.Period;
        if (next <= now)
        {
            var missed = (now - reminder.DueAt).Ticks / reminder.Period.Ticks;
            next = reminder.DueAt + TimeSpan.FromTicks(reminder.Period.Ticks * (missed + 1));
        }
        return next;
    }
}
