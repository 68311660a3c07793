using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Storage;
using Xunit;

namespace PrivacyLedger.Testing.Contracts;

/// <summary>
/// Keys of every form the engines store compactly (lower-case hex, "&lt;prefix&gt;/&lt;hex&gt;", "&lt;prefix&gt;:&lt;hex&gt;") and the
/// forms close to them come back exactly, page in order, and names new to the storage (set ids, index names) can be
/// used by two nodes at once. Each engine's test project subclasses it once.
/// </summary>
public abstract class CompactKeysContract : StorageTestBase
{
    private static string NewId() => Guid.NewGuid().ToString("N");

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Prefixed hex and its near misses: odd or upper-case hex, no hex, empty or long or non-ASCII prefixes, two separators.</summary>
    private static string[] Forms(string hex) =>
    [
        $"ledger/{hex}", $"v2:{hex}", $"a/b/{hex}", $"a:b/{hex}", $"a/b:{hex}", $"/{hex}", $":{hex}", $"ä€/{hex}",
        $"ledger/{hex[..^1]}", $"ledger/{hex.ToUpperInvariant()}", "ledger/", "ledger:", $"{new string('p', 300)}/{hex}", $"ledger/{hex}/", hex,
    ];

    [Fact]
    public async Task Grain_keys_and_stream_ids_of_every_form_come_back_exactly()
    {
        var services = await CreateServicesAsync();
        var states = services.GetRequiredService<IGrainStateStore>();
        var streams = services.GetRequiredService<IEventStreamStore>();
        var grains = Forms(NewId()).Select(key => new GrainKey("subject", key)).ToList();

        var written = await states.WriteAsync([.. grains.Select(grain => new StateWrite(grain, 0, Bytes(grain.Key))
        {
            Appends = [new StreamAppend(grain.Key, 1, Bytes($"event of {grain.Key}"))],
        })]);
        var updated = await states.WriteAsync([.. grains.Select(grain => new StateWrite(grain, 1, Bytes($"2 {grain.Key}")))]);

        Assert.All(written.Concat(updated), result => Assert.False(result.IsConflict));
        var read = await states.ReadManyAsync(grains);
        Assert.Equal(grains.Select(grain => $"2 {grain.Key}"), read.Select(state => Encoding.UTF8.GetString(state!.Payload!)));
        foreach (var grain in grains)
        {
            Assert.Equal([$"event of {grain.Key}"], (await streams.ReadAsync(grain.Key, 0, 10)).Select(e => Encoding.UTF8.GetString(e.Payload)));
        }
    }

    [Fact]
    public async Task Index_keys_and_owners_of_every_prefixed_form_come_back_exactly_and_page_in_order()
    {
        var index = (await CreateServicesAsync()).GetRequiredService<IUniqueIndexStore>();
        var name = $"prefixed-{NewId()}";
        var keys = Forms(NewId());
        foreach (var key in keys)
        {
            Assert.Equal($"v3:{key}", (await index.ClaimAsync(name, [key], $"v3:{key}"))[key]);
        }
        var owners = await index.GetAsync(name, keys);
        Assert.All(keys, key => Assert.Equal($"v3:{key}", owners[key]));

        // Keys of one prefix page in their string order.
        var pages = $"pages-{NewId()}";
        var ledgerKeys = Enumerable.Range(0, 11).Select(_ => $"ledger/{NewId()}").ToList();
        await index.ClaimAsync(pages, ledgerKeys, "owner");
        var listed = new List<string>();
        string? after = null;
        while (await index.ListAsync(pages, after, 3) is { Count: > 0 } page)
        {
            listed.AddRange(page.Select(entry => entry.Key));
            after = page[^1].Key;
        }
        Assert.Equal(ledgerKeys.Order(StringComparer.Ordinal), listed);
    }

    [Fact]
    public async Task Owners_in_the_prefixed_hex_forms_are_counted_by_the_text_before_their_first_colon()
    {
        var index = (await CreateServicesAsync()).GetRequiredService<IUniqueIndexStore>();
        var name = $"tags-{NewId()}";
        await index.ClaimAsync(name, [NewId(), NewId()], $"v2:{NewId()}");
        await index.ClaimAsync(name, [NewId()], $"v7:x:{NewId()}");
        await index.ClaimAsync(name, [NewId()], $"v9:x/{NewId()}");
        await index.ClaimAsync(name, [NewId()], $"plain/{NewId()}");
        await index.ClaimAsync(name, [NewId()], $"ledger/{NewId()}");
        await index.ClaimAsync(name, [NewId()], NewId());

        Assert.Equal(new Dictionary<string, long> { ["v2"] = 2, ["v7"] = 1, ["v9"] = 1, [""] = 3 }, await index.CountByOwnerTagAsync(name));
    }

    [Fact]
    public async Task Set_members_of_every_form_page_in_their_string_order()
    {
        var services = await CreateServicesAsync();
        var states = services.GetRequiredService<IGrainStateStore>();
        var sets = services.GetRequiredService<IOrderedSetStore>();
        var set = $"register-members/{NewId()}";
        var members = Forms(NewId()).Concat(Enumerable.Range(0, 6).Select(_ => NewId())).Concat(["added", "Z", "ä", "😀x", "\uE000", "\uFFFF", "\t", "0", "f", "g", "`", ":"]).ToList();
        await states.WriteAsync([new StateWrite(new GrainKey("subject", NewId()), 0, Bytes("s"))
        {
            SetChanges = [.. members.Select(member => new SetEntryChange(set, member, Bytes(member)))],
        }]);

        var listed = new List<string>();
        string? after = null;
        while (await sets.ListAsync(set, after, 4) is { Count: > 0 } page)
        {
            Assert.All(page, entry => Assert.Equal(entry.Member, Encoding.UTF8.GetString(entry.Payload)));
            listed.AddRange(page.Select(entry => entry.Member));
            after = page[^1].Member;
        }
        Assert.Equal(members.Order(StringComparer.Ordinal), listed);
        Assert.Equal(members.Count, await sets.CountAsync(set));
    }

    [Fact]
    public async Task Two_nodes_using_the_same_new_names_at_once_share_them()
    {
        var nodes = await Task.WhenAll(CreateServicesAsync(), CreateServicesAsync());
        var names = Enumerable.Range(0, 8).Select(_ => NewId()).ToList();
        var key = NewId();

        // Each node claims the same key of each new index and adds itself to each new set, all at once.
        var claims = await Task.WhenAll(nodes.SelectMany((node, n) => names.Select(async name =>
        {
            var owners = await node.GetRequiredService<IUniqueIndexStore>().ClaimAsync($"index-{name}", [key], $"node-{n}");
            await node.GetRequiredService<IGrainStateStore>().WriteAsync([new StateWrite(new GrainKey("subject", NewId()), 0, Bytes("s"))
            {
                SetChanges = [new SetEntryChange($"set-{name}", $"node-{n}", Bytes("member"))],
            }]);
            return (name, owner: owners[key]);
        })));

        foreach (var name in names)
        {
            Assert.Single(claims.Where(claim => claim.name == name).Select(claim => claim.owner).Distinct());
            foreach (var node in nodes)
            {
                Assert.Equal(["node-0", "node-1"], (await node.GetRequiredService<IOrderedSetStore>().ListAsync($"set-{name}", null, 10)).Select(e => e.Member));
                Assert.Single(await node.GetRequiredService<IUniqueIndexStore>().ListAsync($"index-{name}", null, 10));
            }
        }
    }
}
