using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Storage;
using Xunit;

namespace PrivacyLedger.Testing.Contracts;

/// <summary>The <see cref="IGrainStateStore"/> contract. Each engine's test project subclasses it once.</summary>
public abstract class GrainStateStoreContract : StorageTestBase
{
    private async Task<IGrainStateStore> StoreAsync() => (await CreateServicesAsync()).GetRequiredService<IGrainStateStore>();

    private static GrainKey NewGrain(string type = "counter") => new(type, Guid.NewGuid().ToString("N"));

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(StoredGrainState? state) => state?.Payload is { } payload ? Encoding.UTF8.GetString(payload) : "<none>";

    [Fact]
    public async Task A_grain_never_written_reads_as_null()
    {
        var store = await StoreAsync();
        Assert.Null(await store.ReadAsync(NewGrain()));
    }

    [Fact]
    public async Task The_first_write_creates_version_1_and_reads_back()
    {
        var store = await StoreAsync();
        var grain = NewGrain();

        var results = await store.WriteAsync([new StateWrite(grain, 0, Bytes("one"))]);

        Assert.Equal(StateWriteResult.Written(1), results[0]);
        var stored = await store.ReadAsync(grain);
        Assert.Equal(1, stored!.Version);
        Assert.Equal("one", Text(stored));
    }

    [Fact]
    public async Task A_write_with_the_version_read_succeeds_and_increments_it()
    {
        var store = await StoreAsync();
        var grain = NewGrain();
        await store.WriteAsync([new StateWrite(grain, 0, Bytes("one"))]);

        var results = await store.WriteAsync([new StateWrite(grain, 1, Bytes("two"))]);

        Assert.Equal(StateWriteResult.Written(2), results[0]);
        Assert.Equal("two", Text(await store.ReadAsync(grain)));
    }

    [Fact]
    public async Task A_write_with_a_stale_version_is_a_conflict_and_changes_nothing()
    {
        var store = await StoreAsync();
        var grain = NewGrain();
        await store.WriteAsync([new StateWrite(grain, 0, Bytes("one"))]);
        await store.WriteAsync([new StateWrite(grain, 1, Bytes("two"))]);

        var results = await store.WriteAsync([new StateWrite(grain, 1, Bytes("stale"))]);

        Assert.True(results[0].IsConflict);
        var stored = await store.ReadAsync(grain);
        Assert.Equal(2, stored!.Version);
        Assert.Equal("two", Text(stored));
    }

    [Fact]
    public async Task Creating_a_grain_that_exists_is_a_conflict()
    {
        var store = await StoreAsync();
        var grain = NewGrain();
        await store.WriteAsync([new StateWrite(grain, 0, Bytes("first"))]);

        var results = await store.WriteAsync([new StateWrite(grain, 0, Bytes("second"))]);

        Assert.True(results[0].IsConflict);
        Assert.Equal("first", Text(await store.ReadAsync(grain)));
    }

    [Fact]
    public async Task A_write_to_a_version_that_never_existed_is_a_conflict()
    {
        var store = await StoreAsync();
        var grain = NewGrain();

        var results = await store.WriteAsync([new StateWrite(grain, 5, Bytes("ghost"))]);

        Assert.True(results[0].IsConflict);
        Assert.Null(await store.ReadAsync(grain));
    }

    [Fact]
    public async Task Clearing_leaves_a_tombstone_that_no_stale_writer_can_overwrite()
    {
        var store = await StoreAsync();
        var grain = NewGrain();
        await store.WriteAsync([new StateWrite(grain, 0, Bytes("personal data"))]);

        var cleared = await store.WriteAsync([new StateWrite(grain, 1, null)]);
        var staleUpdate = await store.WriteAsync([new StateWrite(grain, 1, Bytes("resurrected"))]);
        var staleCreate = await store.WriteAsync([new StateWrite(grain, 0, Bytes("resurrected"))]);

        Assert.Equal(StateWriteResult.Written(2), cleared[0]);
        Assert.True(staleUpdate[0].IsConflict);
        Assert.True(staleCreate[0].IsConflict);
        var stored = await store.ReadAsync(grain);
        Assert.Equal(2, stored!.Version);
        Assert.Null(stored.Payload);
    }

    [Fact]
    public async Task The_writes_of_a_batch_succeed_or_conflict_independently_and_answer_in_order()
    {
        var store = await StoreAsync();
        var existing = NewGrain();
        await store.WriteAsync([new StateWrite(existing, 0, Bytes("v1"))]);
        var fresh = NewGrain();
        var alsoFresh = NewGrain("other-type");

        var results = await store.WriteAsync(
        [
            new StateWrite(fresh, 0, Bytes("a")),
            new StateWrite(existing, 7, Bytes("stale")),
            new StateWrite(alsoFresh, 0, Bytes("b")),
            new StateWrite(NewGrain(), 3, Bytes("never existed")),
        ]);

        Assert.Equal([StateWriteResult.Written(1), StateWriteResult.Conflict, StateWriteResult.Written(1), StateWriteResult.Conflict], results);
        Assert.Equal("a", Text(await store.ReadAsync(fresh)));
        Assert.Equal("v1", Text(await store.ReadAsync(existing)));
        Assert.Equal("b", Text(await store.ReadAsync(alsoFresh)));
    }

    [Fact]
    public async Task A_large_batch_is_durable_for_another_store_instance()
    {
        var writer = await StoreAsync();
        var grains = Enumerable.Range(0, 750).Select(_ => NewGrain()).ToList();

        var results = await writer.WriteAsync([.. grains.Select((grain, i) => new StateWrite(grain, 0, Bytes($"state {i}")))]);

        Assert.All(results, result => Assert.Equal(StateWriteResult.Written(1), result));
        var reader = await StoreAsync();
        for (var i = 0; i < grains.Count; i += 50)
        {
            Assert.Equal($"state {i}", Text(await reader.ReadAsync(grains[i])));
        }
    }

    [Fact]
    public async Task Of_two_writers_racing_from_one_version_exactly_one_wins()
    {
        var first = await StoreAsync();
        var second = await StoreAsync();
        var grain = NewGrain();
        await first.WriteAsync([new StateWrite(grain, 0, Bytes("base"))]);

        var outcomes = await Task.WhenAll(
            first.WriteAsync([new StateWrite(grain, 1, Bytes("first"))]),
            second.WriteAsync([new StateWrite(grain, 1, Bytes("second"))]));

        var winners = outcomes.Count(results => !results[0].IsConflict);
        Assert.Equal(1, winners);
        var stored = await first.ReadAsync(grain);
        Assert.Equal(2, stored!.Version);
        Assert.Contains(Text(stored), new[] { "first", "second" });
    }

    [Fact]
    public async Task A_batch_read_answers_in_the_order_asked_with_null_for_grains_never_written()
    {
        var store = await StoreAsync();
        var written = NewGrain();
        var cleared = NewGrain();
        var other = NewGrain("other-type");
        var never = NewGrain();
        await store.WriteAsync([new StateWrite(written, 0, Bytes("w1")), new StateWrite(cleared, 0, Bytes("c1")), new StateWrite(other, 0, Bytes("o1"))]);
        await store.WriteAsync([new StateWrite(written, 1, Bytes("w2")), new StateWrite(cleared, 1, null)]);

        var states = await store.ReadManyAsync([never, other, written, cleared, new GrainKey("other-type", written.Key)]);

        Assert.Equal(5, states.Count);
        Assert.Null(states[0]);
        Assert.Equal(("o1", 1L), (Text(states[1]), states[1]!.Version));
        Assert.Equal(("w2", 2L), (Text(states[2]), states[2]!.Version));
        Assert.Equal(2, states[3]!.Version);
        Assert.Null(states[3]!.Payload);
        Assert.Null(states[4]);
    }

    [Fact]
    public async Task A_batch_read_may_name_a_grain_twice_and_an_empty_batch_reads_nothing()
    {
        var store = await StoreAsync();
        var grain = NewGrain();
        await store.WriteAsync([new StateWrite(grain, 0, Bytes("once"))]);

        var states = await store.ReadManyAsync([grain, NewGrain(), grain]);

        Assert.Equal(["once", "<none>", "once"], states.Select(Text));
        Assert.Empty(await store.ReadManyAsync([]));
    }

    [Fact]
    public async Task A_batch_read_sees_every_write_committed_before_it_as_a_single_read_does()
    {
        var writer = await StoreAsync();
        var reader = await StoreAsync();
        var grains = Enumerable.Range(0, 750).Select(_ => NewGrain()).ToList();
        await writer.WriteAsync([.. grains.Select((grain, i) => new StateWrite(grain, 0, Bytes($"first {i}")))]);
        await writer.WriteAsync([.. grains.Where((_, i) => i % 3 == 0).Select(grain => new StateWrite(grain, 1, Bytes("second")))]);

        var states = await reader.ReadManyAsync(grains);

        for (var i = 0; i < grains.Count; i++)
        {
            var single = await reader.ReadAsync(grains[i]);
            Assert.Equal(i % 3 == 0 ? "second" : $"first {i}", Text(states[i]));
            Assert.Equal(single!.Version, states[i]!.Version);
            Assert.Equal(Text(single), Text(states[i]));
        }
    }

    [Fact]
    public async Task Grain_types_and_keys_are_kept_apart_exactly()
    {
        var store = await StoreAsync();
        var key = "Ääkkönen/ÅSA:01 " + Guid.NewGuid();
        await store.WriteAsync([new StateWrite(new GrainKey("subject", key), 0, Bytes("subject"))]);
        await store.WriteAsync([new StateWrite(new GrainKey("register", key), 0, Bytes("register"))]);

        Assert.Equal("subject", Text(await store.ReadAsync(new GrainKey("subject", key))));
        Assert.Equal("register", Text(await store.ReadAsync(new GrainKey("register", key))));
        Assert.Null(await store.ReadAsync(new GrainKey("subject", key.ToUpperInvariant())));
    }
}
