using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Runtime;
using PrivacyLedger.Storage;
using Xunit;

namespace PrivacyLedger.Testing.Contracts;

/// <summary>The <see cref="IReminderStore"/> contract. Each engine's test project subclasses it once.</summary>
public abstract class ReminderStoreContract : StorageTestBase
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private async Task<IReminderStore> StoreAsync() => (await CreateServicesAsync()).GetRequiredService<IReminderStore>();

    private static GrainKey NewGrain() => new("sweeper", Guid.NewGuid().ToString("N"));

    private DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Claims due reminders, keeping only this test's (the store is shared by the class).</summary>
    private static async Task<List<ClaimedReminder>> ClaimAsync(IReminderStore store, DateTimeOffset now, params GrainKey[] grains)
    {
        var claims = await store.ClaimDueAsync(now, Lease, 1000);
        return [.. claims.Where(claim => grains.Contains(claim.Reminder.GrainKey))];
    }

    [Fact]
    public async Task A_registered_reminder_is_listed_with_its_schedule()
    {
        var store = await StoreAsync();
        var grain = NewGrain();
        var dueAt = Now.AddHours(1);

        await store.UpsertAsync(new ReminderEntry(grain, "daily", dueAt, TimeSpan.FromDays(1)));

        var listed = Assert.Single(await store.ListAsync(grain));
        Assert.Equal(new ReminderEntry(grain, "daily", dueAt, TimeSpan.FromDays(1)), listed);
    }

    [Fact]
    public async Task Registering_again_replaces_the_schedule()
    {
        var store = await StoreAsync();
        var grain = NewGrain();
        await store.UpsertAsync(new ReminderEntry(grain, "r", Now.AddHours(1), TimeSpan.FromHours(1)));

        await store.UpsertAsync(new ReminderEntry(grain, "r", Now.AddDays(2), TimeSpan.Zero));

        var listed = Assert.Single(await store.ListAsync(grain));
        Assert.Equal(Now.AddDays(2), listed.DueAt);
        Assert.Equal(TimeSpan.Zero, listed.Period);
    }

    [Fact]
    public async Task Deleting_says_whether_there_was_a_reminder()
    {
        var store = await StoreAsync();
        var grain = NewGrain();
        await store.UpsertAsync(new ReminderEntry(grain, "r", Now, TimeSpan.Zero));

        Assert.True(await store.DeleteAsync(grain, "r"));
        Assert.False(await store.DeleteAsync(grain, "r"));
        Assert.Empty(await store.ListAsync(grain));
    }

    [Fact]
    public async Task Only_due_reminders_are_claimed_and_a_claim_is_exclusive_until_its_lease_ends()
    {
        var store = await StoreAsync();
        var due = NewGrain();
        var later = NewGrain();
        await store.UpsertAsync(new ReminderEntry(due, "r", Now.AddSeconds(-1), TimeSpan.Zero));
        await store.UpsertAsync(new ReminderEntry(later, "r", Now.AddHours(1), TimeSpan.Zero));

        var first = await ClaimAsync(store, Now, due, later);
        var whileLeased = await ClaimAsync(store, Now.AddSeconds(30), due, later);
        var afterLease = await ClaimAsync(store, Now + Lease + TimeSpan.FromSeconds(1), due, later);

        Assert.Equal(due, Assert.Single(first).Reminder.GrainKey);
        Assert.Empty(whileLeased);
        Assert.Equal(due, Assert.Single(afterLease).Reminder.GrainKey);
        Assert.NotEqual(first[0].LeaseId, afterLease[0].LeaseId);
    }

    [Fact]
    public async Task Completing_a_periodic_tick_reschedules_it_and_a_one_shot_is_removed()
    {
        var store = await StoreAsync();
        var periodic = NewGrain();
        var oneShot = NewGrain();
        await store.UpsertAsync(new ReminderEntry(periodic, "r", Now, TimeSpan.FromHours(1)));
        await store.UpsertAsync(new ReminderEntry(oneShot, "r", Now, TimeSpan.Zero));
        var claims = await ClaimAsync(store, Now, periodic, oneShot);

        Assert.True(await store.CompleteAsync(claims.Single(c => c.Reminder.GrainKey == periodic), Now.AddHours(1)));
        Assert.True(await store.CompleteAsync(claims.Single(c => c.Reminder.GrainKey == oneShot), null));

        Assert.Equal(Now.AddHours(1), Assert.Single(await store.ListAsync(periodic)).DueAt);
        Assert.Empty(await store.ListAsync(oneShot));
        Assert.Empty(await ClaimAsync(store, Now.AddMinutes(59), periodic));
        Assert.Single(await ClaimAsync(store, Now.AddHours(1), periodic));
    }

    [Fact]
    public async Task A_late_node_whose_lease_was_taken_over_changes_nothing()
    {
        var store = await StoreAsync();
        var grain = NewGrain();
        await store.UpsertAsync(new ReminderEntry(grain, "r", Now, TimeSpan.Zero));
        var lateNode = Assert.Single(await ClaimAsync(store, Now, grain));
        var takeover = Assert.Single(await ClaimAsync(store, Now + Lease, grain));

        Assert.False(await store.CompleteAsync(lateNode, null));
        Assert.False(await store.ReleaseAsync(lateNode));
        Assert.Single(await store.ListAsync(grain));
        Assert.True(await store.CompleteAsync(takeover, null));
        Assert.Empty(await store.ListAsync(grain));
    }

    [Fact]
    public async Task A_released_claim_is_due_again_at_once()
    {
        var store = await StoreAsync();
        var grain = NewGrain();
        await store.UpsertAsync(new ReminderEntry(grain, "r", Now, TimeSpan.Zero));
        var claim = Assert.Single(await ClaimAsync(store, Now, grain));

        Assert.True(await store.ReleaseAsync(claim));

        Assert.Single(await ClaimAsync(store, Now, grain));
    }

    [Fact]
    public async Task Registering_again_during_a_tick_voids_the_running_claim()
    {
        var store = await StoreAsync();
        var grain = NewGrain();
        await store.UpsertAsync(new ReminderEntry(grain, "r", Now, TimeSpan.FromHours(1)));
        var claim = Assert.Single(await ClaimAsync(store, Now, grain));

        await store.UpsertAsync(new ReminderEntry(grain, "r", Now.AddDays(1), TimeSpan.FromHours(1)));

        Assert.False(await store.CompleteAsync(claim, Now.AddHours(1)));
        Assert.Equal(Now.AddDays(1), Assert.Single(await store.ListAsync(grain)).DueAt);
    }

    [Fact]
    public async Task Two_nodes_claiming_together_never_take_the_same_tick()
    {
        var nodeA = await StoreAsync();
        var nodeB = await StoreAsync();
        var grains = Enumerable.Range(0, 40).Select(_ => NewGrain()).ToArray();
        foreach (var grain in grains)
        {
            await nodeA.UpsertAsync(new ReminderEntry(grain, "r", Now, TimeSpan.Zero));
        }

        var claimsA = new List<ClaimedReminder>();
        var claimsB = new List<ClaimedReminder>();
        await Task.WhenAll(
            Task.Run(async () => { for (var i = 0; i < 10; i++) claimsA.AddRange(await nodeA.ClaimDueAsync(Now, Lease, 3)); }),
            Task.Run(async () => { for (var i = 0; i < 10; i++) claimsB.AddRange(await nodeB.ClaimDueAsync(Now, Lease, 3)); }));

        var claimedA = claimsA.Select(c => c.Reminder.GrainKey).Where(grains.Contains).ToHashSet();
        var claimedB = claimsB.Select(c => c.Reminder.GrainKey).Where(grains.Contains).ToHashSet();
        Assert.Empty(claimedA.Intersect(claimedB));
        Assert.Equal(grains.Length, claimedA.Count + claimedB.Count);
    }

    [Fact]
    public async Task A_claim_takes_at_most_the_count_asked_for_earliest_first()
    {
        var store = await StoreAsync();
        var grains = Enumerable.Range(0, 5).Select(_ => NewGrain()).ToArray();
        // Due long before anything else of this class, so they are the earliest in the shared store.
        var past = Now.AddYears(-10);
        for (var i = 0; i < grains.Length; i++)
        {
            await store.UpsertAsync(new ReminderEntry(grains[i], "r", past.AddMinutes(-i), TimeSpan.Zero));
        }

        var claims = await store.ClaimDueAsync(Now, Lease, 2);

        Assert.Equal([grains[4], grains[3]], claims.Select(c => c.Reminder.GrainKey));
    }
}
