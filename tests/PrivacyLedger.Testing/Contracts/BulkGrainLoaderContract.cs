using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Storage;
using Xunit;

namespace PrivacyLedger.Testing.Contracts;

/// <summary>The contract of <see cref="IBulkGrainLoader"/>. Each engine's test project subclasses it once.</summary>
public abstract class BulkGrainLoaderContract : StorageTestBase
{
    private const string Index = UniqueIndexes.Identifiers;

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static StateWrite NewGrain(string key, string set) =>
        new(new GrainKey("subject", key), 0, Bytes($"state of {key}"))
        {
            Appends = [new StreamAppend($"ledger/{key}", 1, Bytes("created")), new StreamAppend($"ledger/{key}", 2, Bytes("enrolled"))],
            SetChanges = [new SetEntryChange(set, key, Bytes($"member {key}"))],
        };

    [Fact]
    public async Task A_load_commits_states_events_set_entries_and_claims_together()
    {
        var services = await CreateServicesAsync();
        var loader = services.GetRequiredService<IBulkGrainLoader>();
        var (a, b, set) = (NewId(), NewId(), $"members/{NewId()}");
        var (hashA, hashB) = (NewId(), NewId());

        var outcome = await loader.LoadAsync(new BulkLoad(
            [NewGrain(a, set), NewGrain(b, set)],
            [new UniqueClaim(Index, hashA, a), new UniqueClaim(Index, hashB, b), new UniqueClaim("data-keys", a, "wrapped-a")]));

        Assert.True(outcome.IsCommitted);
        var state = await services.GetRequiredService<IGrainStateStore>().ReadAsync(new GrainKey("subject", a));
        Assert.Equal(1, state!.Version);
        Assert.Equal($"state of {a}", Text(state.Payload!));
        Assert.Equal(["created", "enrolled"], (await services.GetRequiredService<IEventStreamStore>().ReadAsync($"ledger/{b}", 0, 10)).Select(e => Text(e.Payload)));
        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), (await services.GetRequiredService<IOrderedSetStore>().ListAsync(set, null, 10)).Select(e => e.Member));
        var index = services.GetRequiredService<IUniqueIndexStore>();
        Assert.Equal(new Dictionary<string, string> { [hashA] = a, [hashB] = b }, await index.GetAsync(Index, [hashA, hashB]));
        Assert.Equal("wrapped-a", (await index.GetAsync("data-keys", [a]))[a]);
    }

    [Fact]
    public async Task A_claim_on_a_key_someone_else_owns_writes_nothing_and_names_the_conflict()
    {
        var services = await CreateServicesAsync();
        var loader = services.GetRequiredService<IBulkGrainLoader>();
        var index = services.GetRequiredService<IUniqueIndexStore>();
        var (owned, fresh, set, earlier) = (NewId(), NewId(), $"members/{NewId()}", NewId());
        await index.ClaimAsync(Index, [owned], earlier);
        var (a, b) = (NewId(), NewId());

        var outcome = await loader.LoadAsync(new BulkLoad(
            [NewGrain(a, set), NewGrain(b, set)],
            [new UniqueClaim(Index, fresh, a), new UniqueClaim(Index, owned, b)]));

        Assert.False(outcome.IsCommitted);
        Assert.Equal([new UniqueClaim(Index, owned, b)], outcome.Conflicts);
        Assert.Null(await services.GetRequiredService<IGrainStateStore>().ReadAsync(new GrainKey("subject", a)));
        Assert.Empty(await services.GetRequiredService<IEventStreamStore>().ReadAsync($"ledger/{a}", 0, 10));
        Assert.Equal(0, await services.GetRequiredService<IOrderedSetStore>().CountAsync(set));
        Assert.Equal(new Dictionary<string, string> { [owned] = earlier }, await index.GetAsync(Index, [owned, fresh]));
    }

    [Fact]
    public async Task Two_owners_claiming_one_key_in_the_same_load_conflict()
    {
        var services = await CreateServicesAsync();
        var loader = services.GetRequiredService<IBulkGrainLoader>();
        var (key, a, b, set) = (NewId(), NewId(), NewId(), $"members/{NewId()}");

        var outcome = await loader.LoadAsync(new BulkLoad([NewGrain(a, set), NewGrain(b, set)], [new UniqueClaim(Index, key, a), new UniqueClaim(Index, key, b)]));

        Assert.False(outcome.IsCommitted);
        Assert.Single(outcome.Conflicts);
        Assert.Empty(await services.GetRequiredService<IUniqueIndexStore>().GetAsync(Index, [key]));
        Assert.Null(await services.GetRequiredService<IGrainStateStore>().ReadAsync(new GrainKey("subject", a)));
    }

    [Fact]
    public async Task A_key_the_same_owner_holds_already_is_no_conflict()
    {
        var services = await CreateServicesAsync();
        var loader = services.GetRequiredService<IBulkGrainLoader>();
        var (key, a, set) = (NewId(), NewId(), $"members/{NewId()}");
        await services.GetRequiredService<IUniqueIndexStore>().ClaimAsync(Index, [key], a);

        var outcome = await loader.LoadAsync(new BulkLoad([NewGrain(a, set)], [new UniqueClaim(Index, key, a), new UniqueClaim(Index, key, a)]));

        Assert.True(outcome.IsCommitted);
        Assert.NotNull(await services.GetRequiredService<IGrainStateStore>().ReadAsync(new GrainKey("subject", a)));
    }

    [Fact]
    public async Task Loading_a_grain_that_exists_fails_the_whole_load()
    {
        var services = await CreateServicesAsync();
        var loader = services.GetRequiredService<IBulkGrainLoader>();
        var states = services.GetRequiredService<IGrainStateStore>();
        var (existing, fresh, key, set) = (NewId(), NewId(), NewId(), $"members/{NewId()}");
        await states.WriteAsync([new StateWrite(new GrainKey("subject", existing), 0, Bytes("kept"))]);

        await Assert.ThrowsAnyAsync<Exception>(() => loader.LoadAsync(new BulkLoad([NewGrain(fresh, set), NewGrain(existing, set)], [new UniqueClaim(Index, key, fresh)])));

        Assert.Equal("kept", Text((await states.ReadAsync(new GrainKey("subject", existing)))!.Payload!));
        Assert.Null(await states.ReadAsync(new GrainKey("subject", fresh)));
        Assert.Empty(await services.GetRequiredService<IUniqueIndexStore>().GetAsync(Index, [key]));
    }

    [Fact]
    public async Task A_load_is_refused_before_anything_is_written_when_a_write_is_not_new()
    {
        var services = await CreateServicesAsync();
        var loader = services.GetRequiredService<IBulkGrainLoader>();
        var key = NewId();

        await Assert.ThrowsAsync<ArgumentException>(() => loader.LoadAsync(new BulkLoad([new StateWrite(new GrainKey("subject", NewId()), 3, Bytes("x"))], [new UniqueClaim(Index, key, NewId())])));

        Assert.Empty(await services.GetRequiredService<IUniqueIndexStore>().GetAsync(Index, [key]));
    }
}
