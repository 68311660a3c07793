using Microsoft.Extensions.Logging;
using PrivacyLedger.Storage;

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

    public Task RegisterAsync(GrainKey grainId, string name, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.Zero);
        var dueAt = runtime.TimeProvider.GetUtcNow() + dueTime;
        return store.UpsertAsync(new ReminderEntry(grainId, name, dueAt, period));
    }

    public Task<bool> UnregisterAsync(GrainKey grainId, string name) => store.DeleteAsync(grainId, name);

    public Task<IReadOnlyList<ReminderEntry>> ListAsync(GrainKey grainId) => store.ListAsync(grainId);

    /// <summary>Polls now and at every tick of <paramref name="timer"/> until it is disposed.</summary>
    public async Task RunAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        do
        {
            await PollAsync(stopping);
        }
        while (await timer.WaitForNextTickAsync());
    }

    /// <summary>
    /// Claims and delivers due ticks; claims again at once only while whole batches were delivered, so a backlog
    /// drains quickly but failing ticks never spin the loop.
    /// </summary>
    public async Task PollAsync(CancellationToken stopping)
    {
        try
        {
            bool backlog;
            do
            {
                var claims = await store.ClaimDueAsync(runtime.TimeProvider.GetUtcNow(), options.ReminderLease, ClaimBatchSize, stopping);
                var delivered = await Task.WhenAll(claims.Select(claim => DeliverAsync(claim, stopping)));
                backlog = claims.Count == ClaimBatchSize && delivered.All(ok => ok);
            }
            while (backlog && !stopping.IsCancellationRequested);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            RuntimeLog.ReminderPollFailed(logger, exception);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Delivers one tick; true when it was handled and rescheduled.</summary>
    private async Task<bool> DeliverAsync(ClaimedReminder claim, CancellationToken stopping)
    {
        var reminder = claim.Reminder;
        if (!runtime.Hosts(reminder.GrainKey.Type))
        {
            RuntimeLog.ReminderForUnknownType(logger, reminder.GrainKey.Type, reminder.Name);
            return false; // Left leased: a node that hosts the type takes it after the lease.
        }
        var now = runtime.TimeProvider.GetUtcNow();
        var tick = new ReminderTick(reminder.DueAt, reminder.Period, now);
        var delivery = runtime.InvokeAsync<object?>(reminder.GrainKey, dispatcher: null, readOnly: false, async grain =>
        {
            await ((IRemindable)grain).ReceiveReminderAsync(reminder.Name, tick);
            return null;
        });
        try
        {
            // Shutdown does not wait for a tick still queued behind a busy turn: the claim goes back to the store.
            await delivery.WaitAsync(stopping);
            await store.CompleteAsync(claim, NextDueAt(reminder, runtime.TimeProvider.GetUtcNow()));
            return true;
        }
        catch (Exception exception)
        {
            if (!stopping.IsCancellationRequested && exception is not GrainRuntimeStoppingException)
            {
                RuntimeLog.ReminderFailed(logger, exception, reminder.GrainKey, reminder.Name);
            }
            _ = delivery.ContinueWith(static task => _ = task.Exception, TaskScheduler.Default);
            // Given back, the tick is due again at the next poll (here or on another node): a conflict with
            // another node's write, for one, succeeds on a fresh activation. The next poll, not this one,
            // retries it, so a tick that keeps failing costs one attempt per poll interval.
            await TryReleaseAsync(claim);
            return false;
        }
    }

    private async Task TryReleaseAsync(ClaimedReminder claim)
    {
        try
        {
            await store.ReleaseAsync(claim);
        }
        catch (Exception exception)
        {
            // The lease runs out by itself; the tick is retried then.
            RuntimeLog.ReminderFailed(logger, exception, claim.Reminder.GrainKey, claim.Reminder.Name);
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
