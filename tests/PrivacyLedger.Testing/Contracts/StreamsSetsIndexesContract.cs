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

        var claimers = Enumerable.Range(0, 10).Select(_ => NewId()).ToList();
        var late = NewId();

        var claims = await Task.WhenAll(claimers.Select(claimer => Task.Run(() => index.ClaimAsync("identifiers", [key], claimer))));

        var owner = Assert.Single(claims.Select(c => c[key]).Distinct());
        var mixed = await index.ClaimAsync("identifiers", [key, other], late);
        Assert.Equal(owner, mixed[key]);
        Assert.Equal(late, mixed[other]);
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
        var (mine, othersKey, staleKey, dataKey, someoneElse) = (NewId(), NewId(), NewId(), good.Key, NewId());
        await index.ClaimAsync("identifiers", [mine], good.Key);
        await index.ClaimAsync("identifiers", [othersKey], someoneElse);
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
        Assert.Equal(someoneElse, (await index.GetAsync("identifiers", [othersKey]))[othersKey]);
        Assert.Equal(stale.Key, (await index.GetAsync("identifiers", [staleKey]))[staleKey]);
    }

    [Fact]
    public async Task The_identifier_index_refuses_a_key_or_owner_not_of_32_lower_case_hex_naming_the_index_and_not_the_value()
    {
        var services = await CreateServicesAsync();
        var index = services.GetRequiredService<IUniqueIndexStore>();
        var (key, owner, grain) = (NewId(), NewId(), new GrainKey("subject", NewId()));
        const string Identifiers = UniqueIndexes.Identifiers;

        foreach (var bad in new[] { "maija@example.fi", key.ToUpperInvariant(), key + "00", key[..30], $"ledger/{key}" })
        {
            Func<Task>[] refused =
            [
                () => index.ClaimAsync(Identifiers, [key, bad], owner),
                () => index.ClaimAsync(Identifiers, [key], bad),
                () => index.GetAsync(Identifiers, [key, bad]),
                () => index.ReplaceOwnersAsync(Identifiers, [new OwnerReplacement(key, owner, bad)]),
                () => index.ListAsync(Identifiers, bad, 10),
                () => services.GetRequiredService<IBulkGrainLoader>().LoadAsync(new BulkLoad([], [new UniqueClaim(Identifiers, key, bad)])),
            ];
            foreach (var call in refused)
            {
                var exception = await Assert.ThrowsAsync<ArgumentException>(call);
                Assert.Contains($"'{Identifiers}'", exception.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(bad, exception.Message, StringComparison.Ordinal);
            }
            // A release of what the index cannot hold releases nothing and is not refused: an erasure of a subject whose id
            // is of another shape goes on.
            Assert.Equal(0, await index.ReleaseAsync(Identifiers, [bad], owner));
            Assert.Equal(0, await index.ReleaseAsync(Identifiers, [key], bad));
        }
        Assert.Empty(await index.GetAsync(Identifiers, [key]));
        Assert.Null(await services.GetRequiredService<IGrainStateStore>().ReadAsync(grain));
        var released = await services.GetRequiredService<IGrainStateStore>().WriteAsync(
            [new StateWrite(grain, 0, Bytes("x")) { IndexReleases = [new UniqueKeyRelease(Identifiers, key, "fan-out"), new UniqueKeyRelease(Identifiers, "maija@example.fi", owner)] }]);
        Assert.False(released[0].IsConflict);
        Assert.NotNull(await services.GetRequiredService<IGrainStateStore>().ReadAsync(grain));

        // Ids are taken, listed in their order, swapped and counted (an id has no tag) as in any index. Other tests of the
        // class may hold identifiers too: those are counted before, and listed around these.
        var (other, newOwner) = (NewId(), NewId());
        var before = (await index.CountByOwnerTagAsync(Identifiers)).GetValueOrDefault("");
        await index.ClaimAsync(Identifiers, [key, other], owner);
        Assert.Equal([key], await index.ReplaceOwnersAsync(Identifiers, [new OwnerReplacement(key, owner, newOwner), new OwnerReplacement(other, newOwner, owner)]));
        var listed = new List<IndexEntry>();
        while (await index.ListAsync(Identifiers, listed.Count == 0 ? null : listed[^1].Key, 7) is { Count: > 0 } page)
        {
            listed.AddRange(page);
        }
        Assert.Equal(listed.Select(entry => entry.Key).Order(StringComparer.Ordinal), listed.Select(entry => entry.Key));
        Assert.Equal(new[] { new IndexEntry(key, newOwner), new IndexEntry(other, owner) }.OrderBy(entry => entry.Key, StringComparer.Ordinal),
            listed.Where(entry => entry.Key == key || entry.Key == other));
        Assert.Equal(new Dictionary<string, long> { [""] = before + 2 }, await index.CountByOwnerTagAsync(Identifiers));
        Assert.Equal(1, await index.ReleaseAsync(Identifiers, [key, other], newOwner));
    }

    [Fact]
    public async Task Claims_of_overlapping_keys_in_opposite_orders_never_fail()
    {
        var first = (await CreateServicesAsync()).GetRequiredService<IUniqueIndexStore>();
        var second = (await CreateServicesAsync()).GetRequiredService<IUniqueIndexStore>();
        var (a, b) = (NewId(), NewId());

        for (var round = 0; round < 10; round++)
        {
            var keys = Enumerable.Range(0, 20).Select(_ => NewId()).ToList();
            var reversed = Enumerable.Reverse(keys).ToList();
            var claims = await Task.WhenAll(
                Task.Run(() => first.ClaimAsync("identifiers", keys, a)),
                Task.Run(() => second.ClaimAsync("identifiers", reversed, b)));

            Assert.Equal(keys.Count, claims[0].Count);
            Assert.All(keys, key => Assert.Equal(claims[0][key], claims[1][key]));
        }
    }

    [Fact]
    public async Task An_owner_changes_only_by_compare_and_swap_from_the_owner_it_still_has()
    {
        var index = (await CreateServicesAsync()).GetRequiredService<IUniqueIndexStore>();
        var (swapped, changedMeanwhile, released) = (NewId(), NewId(), NewId());
        await index.ClaimAsync("data-keys", [swapped], "old");
        await index.ClaimAsync("data-keys", [changedMeanwhile], "someone-else");
        await index.ClaimAsync("data-keys", [released], "old");
        await index.ReleaseAsync("data-keys", [released], "old");

        var changed = await index.ReplaceOwnersAsync("data-keys",
        [
            new OwnerReplacement(swapped, "old", "new"),
            new OwnerReplacement(changedMeanwhile, "old", "new"),
            new OwnerReplacement(released, "old", "new"),
        ]);

        Assert.Equal([swapped], changed);
        var owners = await index.GetAsync("data-keys", [swapped, changedMeanwhile, released]);
        Assert.Equal("new", owners[swapped]);
        Assert.Equal("someone-else", owners[changedMeanwhile]);
        Assert.False(owners.ContainsKey(released));
        Assert.Empty(await index.ReplaceOwnersAsync("data-keys", [new OwnerReplacement(swapped, "old", "newer")]));
        Assert.Equal("new", (await index.GetAsync("data-keys", [swapped]))[swapped]);
    }

    [Fact]
    public async Task A_release_without_an_owner_removes_the_key_whoever_owns_it_alone_or_with_a_write()
    {
        var services = await CreateServicesAsync();
        var states = services.GetRequiredService<IGrainStateStore>();
        var index = services.GetRequiredService<IUniqueIndexStore>();
        var (alone, withWrite, withConflict) = (NewId(), NewId(), NewId());
        await index.ClaimAsync("data-keys", [alone, withWrite, withConflict], "wrapped-then-rewrapped");

        Assert.Equal(1, await index.ReleaseAsync("data-keys", [alone, NewId()], null));
        var results = await states.WriteAsync(
        [
            new StateWrite(new GrainKey("subject", NewId()), 0, Bytes("erased")) { IndexReleases = [new UniqueKeyRelease("data-keys", withWrite, null)] },
            new StateWrite(new GrainKey("subject", NewId()), 3, Bytes("never")) { IndexReleases = [new UniqueKeyRelease("data-keys", withConflict, null)] },
        ]);

        Assert.Equal([false, true], results.Select(result => result.IsConflict));
        Assert.Equal([withConflict], (await index.GetAsync("data-keys", [alone, withWrite, withConflict])).Keys);
    }

    [Fact]
    public async Task A_compare_and_swap_racing_a_release_by_key_never_keeps_the_key()
    {
        var services = await CreateServicesAsync();
        var states = services.GetRequiredService<IGrainStateStore>();
        var index = services.GetRequiredService<IUniqueIndexStore>();
        var keys = Enumerable.Range(0, 200).Select(_ => NewId()).ToList();
        await index.ClaimAsync("data-keys", keys, "old");

        // The re-wrap swaps every owner in batches while each key is released with its own state write, as erasure does.
        var swaps = Task.Run(async () =>
        {
            foreach (var batch in keys.Chunk(20))
            {
                await index.ReplaceOwnersAsync("data-keys", [.. batch.Select(key => new OwnerReplacement(key, "old", "new"))]);
            }
        });
        var releases = Task.Run(async () =>
        {
            foreach (var key in Enumerable.Reverse(keys))
            {
                await states.WriteAsync([new StateWrite(new GrainKey("subject", key), 0, Bytes("erased")) { IndexReleases = [new UniqueKeyRelease("data-keys", key, null)] }]);
            }
        });
        await Task.WhenAll(swaps, releases);

        Assert.Empty(await index.GetAsync("data-keys", keys));
    }

    [Fact]
    public async Task An_index_is_listed_a_page_at_a_time_and_counted_by_owner_tag()
    {
        var index = (await CreateServicesAsync()).GetRequiredService<IUniqueIndexStore>();
        var name = $"keys-{NewId()}";
        var untagged = Enumerable.Range(0, 13).Select(_ => NewId()).ToList();
        var tagged = Enumerable.Range(0, 12).Select(_ => NewId()).ToList();
        await index.ClaimAsync(name, untagged, "plain-base64");
        await index.ClaimAsync(name, tagged, "v2:base64:with-colon");

        var listed = new List<IndexEntry>();
        string? after = null;
        while (await index.ListAsync(name, after, 10) is { Count: > 0 } page)
        {
            Assert.True(page.Count <= 10);
            listed.AddRange(page);
            after = page[^1].Key;
        }

        Assert.Equal(untagged.Concat(tagged).Order(StringComparer.Ordinal), listed.Select(entry => entry.Key).Order(StringComparer.Ordinal));
        Assert.Equal(listed.Count, listed.Select(entry => entry.Key).Distinct().Count());
        Assert.All(listed, entry => Assert.Equal(tagged.Contains(entry.Key) ? "v2:base64:with-colon" : "plain-base64", entry.Owner));
        var counts = await index.CountByOwnerTagAsync(name);
        Assert.Equal(2, counts.Count);
        Assert.Equal(13, counts[""]);
        Assert.Equal(12, counts["v2"]);
        Assert.Empty(await index.CountByOwnerTagAsync($"keys-{NewId()}"));
    }

    [Fact]
    public async Task Keys_and_owners_of_every_form_come_back_exactly_as_given()
    {
        // Engines may store lower-case hex compactly: every other form, and the forms close to it, must round-trip too.
        var services = await CreateServicesAsync();
        var states = services.GetRequiredService<IGrainStateStore>();
        var index = services.GetRequiredService<IUniqueIndexStore>();
        var name = $"forms-{NewId()}";
        var hex = NewId() + NewId();
        string[] keys = [hex, hex.ToUpperInvariant(), hex[..^1], "0a", "0A", "a", "ää-€", "v2:abc:def", "7879", "xy"];
        foreach (var key in keys)
        {
            Assert.Equal(key, (await index.ClaimAsync(name, [key], key + "|owner"))[key][..^6]);
        }
        Assert.Equal(keys.Order(StringComparer.Ordinal), (await index.ListAsync(name, null, 100)).Select(entry => entry.Key).Order(StringComparer.Ordinal));
        Assert.All(await index.ListAsync(name, null, 100), entry => Assert.Equal(entry.Key + "|owner", entry.Owner));
        var owners = await index.GetAsync(name, keys);
        Assert.Equal(keys.Length, owners.Count);
        Assert.All(keys, key => Assert.Equal(key + "|owner", owners[key]));

        var (grain, subject) = (new GrainKey("subject", NewId()), NewId());
        await index.ClaimAsync(name, [subject], hex);
        Assert.Equal([subject], await index.ReplaceOwnersAsync(name, [new(subject, hex, hex.ToUpperInvariant())]));
        Assert.Equal(hex.ToUpperInvariant(), (await index.GetAsync(name, [subject]))[subject]);
        await states.WriteAsync([new StateWrite(grain, 0, Bytes("{}")) { IndexReleases = [new UniqueKeyRelease(name, subject, hex.ToUpperInvariant())] }]);
        Assert.Empty(await index.GetAsync(name, [subject]));
        Assert.Equal(keys.Length, await index.ReleaseAsync(name, keys, owner: null));
    }

    [Fact]
    public async Task Data_keys_and_every_other_index_are_apart()
    {
        var services = await CreateServicesAsync();
        var states = services.GetRequiredService<IGrainStateStore>();
        var index = services.GetRequiredService<IUniqueIndexStore>();
        var (subject, other) = (NewId(), $"identifiers-{NewId()}");

        await index.ClaimAsync(UniqueIndexes.DataKeys, [subject], "wrapped");
        await index.ClaimAsync(other, [subject], "someone");
        Assert.Equal("wrapped", (await index.GetAsync(UniqueIndexes.DataKeys, [subject]))[subject]);
        Assert.Equal("someone", (await index.GetAsync(other, [subject]))[subject]);
        Assert.Equal(1, (await index.CountByOwnerTagAsync(other)).Values.Sum());

        // A data key's destruction with a write takes only the data key.
        await states.WriteAsync([new StateWrite(new GrainKey("subject", subject), 0, Bytes("{}"))
        {
            IndexReleases = [new UniqueKeyRelease(UniqueIndexes.DataKeys, subject, Owner: null)],
        }]);
        Assert.Empty(await index.GetAsync(UniqueIndexes.DataKeys, [subject]));
        Assert.Equal("someone", (await index.GetAsync(other, [subject]))[subject]);
    }
}
