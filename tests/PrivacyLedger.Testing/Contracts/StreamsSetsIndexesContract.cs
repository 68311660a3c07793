using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Storage;
using Xunit;

namespace PrivacyLedger.Testing.Contracts;

/// <summary>
/// The contracts of <see cref="IEventStreamStore"/>, <see cref="IOrderedSetStore"/> and <see cref="IUniqueIndexStore"/>,
/// and of the side effects a <see cref="StateWrite"/> carries. Each engine's test project subclasses it once.
/// </summary>
public abstract class StreamsSetsIndexesContract : StorageTestBase
{
    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static string NewId() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Stream_appends_and_set_changes_commit_with_their_write_and_not_with_a_conflict()
    {
        var services = await CreateServicesAsync();
        var states = services.GetRequiredService<IGrainStateStore>();
        var streams = services.GetRequiredService<IEventStreamStore>();
        var sets = services.GetRequiredService<IOrderedSetStore>();
        var (good, stale) = (new GrainKey("subject", NewId()), new GrainKey("subject", NewId()));
        var (goodStream, staleStream, set) = ($"ledger/{good.Key}", $"ledger/{stale.Key}", $"members/{NewId()}");

        var results = await states.WriteAsync(
        [
            new StateWrite(good, 0, Bytes("s")) with
            {
                Appends = [new StreamAppend(goodStream, 1, Bytes("e1")), new StreamAppend(goodStream, 2, Bytes("e2"))],
                SetChanges = [new SetEntryChange(set, good.Key, Bytes("member"))],
            },
            new StateWrite(stale, 4, Bytes("s")) with
            {
                Appends = [new StreamAppend(staleStream, 1, Bytes("never"))],
                SetChanges = [new SetEntryChange(set, stale.Key, Bytes("never"))],
            },
        ]);

        Assert.False(results[0].IsConflict);
        Assert.True(results[1].IsConflict);
        Assert.Equal(["e1", "e2"], (await streams.ReadAsync(goodStream, 0, 10)).Select(e => Text(e.Payload)));
        Assert.Empty(await streams.ReadAsync(staleStream, 0, 10));
        Assert.Equal([good.Key], (await sets.ListAsync(set, null, 10)).Select(e => e.Member));
    }

    [Fact]
    public async Task Set_removals_commit_with_their_own_write_in_a_batch_and_not_with_a_conflict()
    {
        var services = await CreateServicesAsync();
        var states = services.GetRequiredService<IGrainStateStore>();
        var sets = services.GetRequiredService<IOrderedSetStore>();
        var set = $"members/{NewId()}";
        var (first, second, stale) = (new GrainKey("subject", NewId()), new GrainKey("subject", NewId()), new GrainKey("subject", NewId()));
        foreach (var grain in new[] { first, second, stale })
        {
            await states.WriteAsync([new StateWrite(grain, 0, Bytes("s")) { SetChanges = [new SetEntryChange(set, grain.Key, Bytes("member"))] }]);
        }

        // Removals and upserts interleaved across the writes of one batch; the stale write's removal must not happen.
        var results = await states.WriteAsync(
        [
            new StateWrite(first, 1, Bytes("s")) { SetChanges = [new SetEntryChange(set, "added-by-first", Bytes("new")), new SetEntryChange(set, first.Key, null)] },
            new StateWrite(stale, 7, Bytes("s")) { SetChanges = [new SetEntryChange(set, stale.Key, null), new SetEntryChange(set, "added-by-stale", Bytes("never"))] },
            new StateWrite(second, 1, Bytes("s")) { SetChanges = [new SetEntryChange(set, second.Key, null)] },
        ]);

        Assert.Equal([false, true, false], results.Select(result => result.IsConflict));
        Assert.Equal(new[] { "added-by-first", stale.Key }.Order(StringComparer.Ordinal), (await sets.ListAsync(set, null, 10)).Select(e => e.Member));
    }

    [Fact]
    public async Task A_stream_reads_in_order_after_a_sequence_number_a_page_at_a_time()
    {
        var services = await CreateServicesAsync();
        var states = services.GetRequiredService<IGrainStateStore>();
        var streams = services.GetRequiredService<IEventStreamStore>();
        var grain = new GrainKey("subject", NewId());
        var stream = $"ledger/{grain.Key}";
        var version = 0L;
        for (var seq = 1; seq <= 7; seq++)
        {
            var result = await states.WriteAsync([new StateWrite(grain, version, Bytes("s")) { Appends = [new StreamAppend(stream, seq, Bytes($"e{seq}"))] }]);
            version = result[0].Version;
        }

        var page = await streams.ReadAsync(stream, 3, 2);

        Assert.Equal([4L, 5L], page.Select(e => e.Sequence));
        Assert.Equal(["e4", "e5"], page.Select(e => Text(e.Payload)));
        Assert.Empty(await streams.ReadAsync(stream, 7, 10));
    }

    [Fact]
    public async Task A_set_pages_by_member_in_ordinal_order_and_entries_can_be_replaced_and_removed()
    {
        var services = await CreateServicesAsync();
        var states = services.GetRequiredService<IGrainStateStore>();
        var sets = services.GetRequiredService<IOrderedSetStore>();
        var set = $"members/{NewId()}";
        var members = new[] { "b", "a", "C", "c", "a-1", "ä" };
        foreach (var member in members)
        {
            await states.WriteAsync([new StateWrite(new GrainKey("subject", NewId()), 0, Bytes("s")) { SetChanges = [new SetEntryChange(set, member, Bytes($"v1 {member}"))] }]);
        }
        var owner = new GrainKey("subject", NewId());
        await states.WriteAsync([new StateWrite(owner, 0, Bytes("s"))
        {
            SetChanges = [new SetEntryChange(set, "b", Bytes("v2 b")), new SetEntryChange(set, "c", null)],
        }]);

        var first = await sets.ListAsync(set, null, 3);
        var second = await sets.ListAsync(set, first[^1].Member, 3);

        Assert.Equal(["C", "a", "a-1"], first.Select(e => e.Member));
        Assert.Equal(["b", "ä"], second.Select(e => e.Member));
        Assert.Equal("v2 b", Text(second[0].Payload));
        Assert.Equal(5, await sets.CountAsync(set));
    }

    [Fact]
    public async Task The_first_claim_of_a_key_wins_and_every_claimer_learns_the_owner()
    {
        var index = (await CreateServicesAsync()).GetRequiredService<IUniqueIndexStore>();
        var key = NewId();
        var other = NewId();

        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => index.ClaimAsync("identifiers", [key], $"subject-{i}"))));

        var owner = Assert.Single(claims.Select(c => c[key]).Distinct());
        var mixed = await index.ClaimAsync("identifiers", [key, other], "late");
        Assert.Equal(owner, mixed[key]);
        Assert.Equal("late", mixed[other]);
        Assert.Equal(owner, (await index.GetAsync("identifiers", [key, NewId()]))[key]);
        Assert.Empty(await index.GetAsync("other-index", [key]));
    }

    [Fact]
    public async Task Only_the_owner_releases_a_key()
    {
        var index = (await CreateServicesAsync()).GetRequiredService<IUniqueIndexStore>();
        var key = NewId();
        await index.ClaimAsync("data-keys", [key], "owner");

        Assert.Equal(0, await index.ReleaseAsync("data-keys", [key], "someone-else"));
        Assert.Single(await index.GetAsync("data-keys", [key]));
        Assert.Equal(1, await index.ReleaseAsync("data-keys", [key], "owner"));
        Assert.Empty(await index.GetAsync("data-keys", [key]));
    }

    [Fact]
    public async Task Index_releases_commit_with_their_write_only_for_the_named_owner_and_not_with_a_conflict()
    {
        var services = await CreateServicesAsync();
        var states = services.GetRequiredService<IGrainStateStore>();
        var index = services.GetRequiredService<IUniqueIndexStore>();
        var (good, stale) = (new GrainKey("subject", NewId()), new GrainKey("subject", NewId()));
        var (mine, othersKey, staleKey, dataKey) = (NewId(), NewId(), NewId(), good.Key);
        await index.ClaimAsync("identifiers", [mine], good.Key);
        await index.ClaimAsync("identifiers", [othersKey], "someone-else");
        await index.ClaimAsync("identifiers", [staleKey], stale.Key);
        await index.ClaimAsync("data-keys", [dataKey], "wrapped");

        var results = await states.WriteAsync(
        [
            new StateWrite(good, 0, Bytes("erased"))
            {
                IndexReleases =
                [
                    new UniqueKeyRelease("identifiers", mine, good.Key),
                    new UniqueKeyRelease("identifiers", othersKey, good.Key),
                    new UniqueKeyRelease("data-keys", dataKey, "wrapped"),
                    new UniqueKeyRelease("identifiers", NewId(), good.Key),
                ],
            },
            new StateWrite(stale, 4, Bytes("never")) { IndexReleases = [new UniqueKeyRelease("identifiers", staleKey, stale.Key)] },
        ]);

        Assert.False(results[0].IsConflict);
        Assert.True(results[1].IsConflict);
        Assert.Empty(await index.GetAsync("identifiers", [mine]));
        Assert.Empty(await index.GetAsync("data-keys", [dataKey]));
        Assert.Equal("someone-else", (await index.GetAsync("identifiers", [othersKey]))[othersKey]);
        Assert.Equal(stale.Key, (await index.GetAsync("identifiers", [staleKey]))[staleKey]);
    }

    [Fact]
    public async Task Claims_of_overlapping_keys_in_opposite_orders_never_fail()
    {
        var first = (await CreateServicesAsync()).GetRequiredService<IUniqueIndexStore>();
        var second = (await CreateServicesAsync()).GetRequiredService<IUniqueIndexStore>();

        for (var round = 0; round < 10; round++)
        {
            var keys = Enumerable.Range(0, 20).Select(_ => NewId()).ToList();
            var reversed = Enumerable.Reverse(keys).ToList();
            var claims = await Task.WhenAll(
                Task.Run(() => first.ClaimAsync("identifiers", keys, "a")),
                Task.Run(() => second.ClaimAsync("identifiers", reversed, "b")));

            Assert.Equal(keys.Count, claims[0].Count);
            Assert.All(keys, key => Assert.Equal(claims[0][key], claims[1][key]));
        }
    }
}
