using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Storage;
using Xunit;

namespace PrivacyLedger.Testing;

/// <summary>
/// The rows both engines' upgrade tests to 17-byte ledger stream ids (PostgreSQL 9, SQLite 7) write in the earlier
/// schema, "ledger/&lt;hex&gt;" in the prefix form (<see cref="EarlierForm"/>) in every column of <see cref="CompactKey"/>
/// form, and what the stores must find, change and append after the upgrade, looked up in today's form.
/// </summary>
public static class StreamKeysUpgrade
{
    public const string Subject = "5ab1e0c0ffee4d2a9b7c3e1f00aa11bb";

    public const string Other = "0193a5b2c4d87e6f9a1b2c3d4e5f6a7b";

    public static string Ledger => $"ledger/{Subject}";

    public static string OtherLedger => $"ledger/{Other}";

    /// <summary>Grains (type, key, version, payload): the subject's, and one whose key is a ledger stream id.</summary>
    public static readonly IReadOnlyList<(string Type, string Key, long Version, string Payload)> Grains =
        [("subject", Subject, 3, "subject state"), ("probe", OtherLedger, 1, "keyed by a stream id")];

    /// <summary>The subject's ledger, whose events each take the payload of the one before from the page (as chained ledger events do), and another stream.</summary>
    public static readonly IReadOnlyList<(string Stream, long Seq, string Payload)> Events =
        [(Ledger, 1, "first"), (Ledger, 2, "second"), (Ledger, 3, "third"), (OtherLedger, 1, "other first"), ($"campaign/{Other}", 1, "campaign")];

    /// <summary>Unique index rows (index, key, owner): an identifier owned by the subject, ledger ids as keys and owners.</summary>
    public static readonly IReadOnlyList<(string Index, string Key, string Owner)> Claims =
        [("identifiers", "000102030405060708090a0b0c0d0e0f", Subject), ("streams", Ledger, OtherLedger), ("streams", OtherLedger, $"campaign/{Other}")];

    /// <summary>Data keys rows (subject, wrapped): the subject's key, and a row with ledger ids in both columns.</summary>
    public static readonly IReadOnlyList<(string Subject, string Wrapped)> DataKeys =
        [(Subject, "k1:77726170706564"), (OtherLedger, Ledger)];

    /// <summary>
    /// A key as schema PostgreSQL 8 / SQLite 6 stored it: "ledger/&lt;hex&gt;" in the prefix form (tag 3, the prefix's
    /// length and text, the hex's bytes), as <see cref="CompactKey"/> wrote it then; anything else as today.
    /// </summary>
    public static byte[] EarlierForm(string key) =>
        key.StartsWith("ledger/", StringComparison.Ordinal) && CompactKey.IsLowerHex(key.AsSpan(7))
            ? [CompactKey.SlashHexTag, 6, .. "ledger"u8, .. Convert.FromHexString(key.AsSpan(7))]
            : CompactKey.Encode(key);

    /// <summary>An earlier stored form as hex, for the engines' SQL literals.</summary>
    public static string EarlierHex(string key) => Convert.ToHexStringLower(EarlierForm(key));

    public static string Hex(string text) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text));

    /// <summary>Every row written before the upgrade found through the stores by today's form of its keys; then changed, released, appended to.</summary>
    public static async Task AssertEveryRowIsFoundAndChangesAsync(IServiceProvider services)
    {
        var states = services.GetRequiredService<IGrainStateStore>();
        var read = await states.ReadManyAsync([.. Grains.Select(grain => new GrainKey(grain.Type, grain.Key))]);
        Assert.Equal(Grains.Select(grain => (grain.Version, grain.Payload)), read.Select(state => (state!.Version, Encoding.UTF8.GetString(state.Payload!))));

        // The ledger from any page start, each event with the payload of the one before: what chained ledger events verify with.
        var streams = services.GetRequiredService<IEventStreamStore>();
        for (var after = 0; after < 3; after++)
        {
            var page = await streams.ReadAsync(Ledger, after, 10);
            Assert.Equal(Events.Where(e => e.Stream == Ledger).Skip(after).Select(e => (e.Seq, e.Payload)),
                page.Select(e => (e.Sequence, Encoding.UTF8.GetString(e.Payload))));
            Assert.Equal(after == 0 ? null : Events[after - 1].Payload, page[0].Previous is { } previous ? Encoding.UTF8.GetString(previous) : null);
        }
        Assert.Equal(["other first"], (await streams.ReadAsync(OtherLedger, 0, 10)).Select(e => Encoding.UTF8.GetString(e.Payload)));
        Assert.Equal(["campaign"], (await streams.ReadAsync($"campaign/{Other}", 0, 10)).Select(e => Encoding.UTF8.GetString(e.Payload)));

        var index = services.GetRequiredService<IUniqueIndexStore>();
        foreach (var claims in Claims.GroupBy(claim => claim.Index))
        {
            Assert.Equal(claims.ToDictionary(claim => claim.Key, claim => claim.Owner), await index.GetAsync(claims.Key, [.. claims.Select(claim => claim.Key)]));
        }
        Assert.Equal(DataKeys.ToDictionary(row => row.Subject, row => row.Wrapped), await index.GetAsync(UniqueIndexes.DataKeys, [.. DataKeys.Select(row => row.Subject)]));
        // Listed in their string order, as keys of one form and prefix are.
        Assert.Equal([OtherLedger, Ledger], (await index.ListAsync("streams", null, 10)).Select(entry => entry.Key));
        // Matched on the owner as stored: a claim of the same key by another owner is refused, a release by its owner succeeds.
        Assert.Equal(OtherLedger, (await index.ClaimAsync("streams", [Ledger], "someone else"))[Ledger]);
        Assert.Equal(1, await index.ReleaseAsync("streams", [Ledger], OtherLedger));
        Assert.Equal([OtherLedger], await index.ReplaceOwnersAsync(UniqueIndexes.DataKeys, [new OwnerReplacement(OtherLedger, Ledger, "k1:00")]));

        // The subject's state written at the version it was read at, its ledger appended to: the new event reads with the
        // payload of the one stored before the upgrade. The grain keyed by a stream id is written at its version too.
        var results = await states.WriteAsync(
        [
            new StateWrite(new GrainKey("subject", Subject), 3, Encoding.UTF8.GetBytes("changed"))
            {
                Appends = [new StreamAppend(Ledger, 4, Encoding.UTF8.GetBytes("fourth"))],
            },
            new StateWrite(new GrainKey("probe", OtherLedger), 1, Encoding.UTF8.GetBytes("probe changed")),
        ]);
        Assert.Equal([StateWriteResult.Written(4), StateWriteResult.Written(2)], results);
        Assert.Equal([(4L, "fourth", "third")], (await streams.ReadAsync(Ledger, 3, 10))
            .Select(e => (e.Sequence, Encoding.UTF8.GetString(e.Payload), Encoding.UTF8.GetString(e.Previous!))));
        Assert.Equal(["changed", "probe changed"], (await states.ReadManyAsync([.. Grains.Select(grain => new GrainKey(grain.Type, grain.Key))]))
            .Select(state => Encoding.UTF8.GetString(state!.Payload!)));
    }
}
