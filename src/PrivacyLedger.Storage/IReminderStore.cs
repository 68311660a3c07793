namespace PrivacyLedger.Storage;

/// <summary>
/// Durable reminders, claimed through storage so that one tick runs on one node at a time.
/// <list type="bullet">
/// <item>A reminder is keyed by grain and name; registering it again replaces its schedule and voids any lease.</item>
/// <item><see cref="ClaimDueAsync"/> hands each due, unleased (or lease-expired) reminder to one caller, with a
/// fresh lease id, until the lease runs out; the earliest due first, at most the count asked for.</item>
/// <item><see cref="CompleteAsync"/> acts only while the caller's lease is still the current one; a late node
/// whose lease was taken over, or whose reminder was re-registered meanwhile, changes nothing.</item>
/// </list>
/// </summary>
public interface IReminderStore
{
    Task UpsertAsync(ReminderEntry reminder, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(GrainKey grainId, string name, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ReminderEntry>> ListAsync(GrainKey grainId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ClaimedReminder>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Ends a claim: reschedules to <paramref name="nextDueAt"/>, or deletes a one-shot reminder when it is null.</summary>
    Task<bool> CompleteAsync(ClaimedReminder claim, DateTimeOffset? nextDueAt, CancellationToken cancellationToken = default);

    /// <summary>Gives a claim back without running it (the tick failed); it is due again at once.</summary>
    Task<bool> ReleaseAsync(ClaimedReminder claim, CancellationToken cancellationToken = default);
}

/// <summary>A reminder's schedule. A zero period means one tick only.</summary>
public sealed record ReminderEntry(GrainKey GrainKey, string Name, DateTimeOffset DueAt, TimeSpan Period);

/// <summary>A reminder claimed by one node until <see cref="LeaseUntil"/>.</summary>
public sealed record ClaimedReminder(ReminderEntry Reminder, Guid LeaseId, DateTimeOffset LeaseUntil);
