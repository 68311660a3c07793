using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Storage;
using Xunit;

namespace PrivacyLedger.Testing;

/// <summary>
/// The rows both engines' upgrade tests to compact keys (PostgreSQL 7, SQLite 5) write in the earlier schema, and what
/// the stores must read back after the upgrade. Each engine writes the rows in its own dialect.
/// </summary>
public static class CompactKeysUpgrade
{
    /// <summary>A 32-byte identifier hash, as stored before identifier keys were cut to 16 bytes.</summary>
    public const string Hash = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    public const string Subject = "5ab1e0c0ffee4d2a9b7c3e1f00aa11bb";

    /// <summary>
    /// The rows written before the upgrade, read back through the stores: identifier and suppression keys cut to 16 bytes
    /// and another index's left whole, wrapped keys in the base64 forms as hex, text keys of every form, names as given.
    /// </summary>
    public static async Task AssertEveryRowReadsBackAsync(IServiceProvider services)
    {
        var index = services.GetRequiredService<IUniqueIndexStore>();
        var cut = Hash[..32];
        Assert.Equal(new Dictionary<string, string> { [cut] = Subject }, await index.GetAsync("identifiers", [cut]));
        Assert.Equal(new Dictionary<string, string> { [cut] = $"campaign:{Subject}", ["Not-Hex"] = $"request/{Subject}" }, await index.GetAsync("suppressions", [cut, Hash, "Not-Hex"]));
        Assert.Equal(new Dictionary<string, string> { [Hash] = Subject }, await index.GetAsync("campaign-emails", [cut, Hash]));
        Assert.Equal(new Dictionary<string, string> { [Subject] = "v2:77726170706564", ["text-subject"] = "77726170706564" },
            await index.GetAsync(UniqueIndexes.DataKeys, [Subject, "text-subject"]));
        Assert.Equal(new Dictionary<string, long> { ["v2"] = 1, [""] = 1 }, await index.CountByOwnerTagAsync(UniqueIndexes.DataKeys));
        var states = await services.GetRequiredService<IGrainStateStore>().ReadManyAsync([new GrainKey("subject", Subject), new GrainKey("register", "customers")]);
        Assert.Equal((3L, "{}"), (states[0]!.Version, System.Text.Encoding.UTF8.GetString(states[0]!.Payload!)));
        Assert.Equal((1L, null), (states[1]!.Version, states[1]!.Payload));
        var streams = services.GetRequiredService<IEventStreamStore>();
        Assert.Equal([1L, 2L], (await streams.ReadAsync($"ledger/{Subject}", 0, 10)).Select(e => e.Sequence));
        Assert.Equal([1L], (await streams.ReadAsync("campaign/x", 0, 10)).Select(e => e.Sequence));
        var sets = services.GetRequiredService<IOrderedSetStore>();
        Assert.Equal(["0a-F", Subject, "Zä😀/x", "b"], (await sets.ListAsync("register-members/customers", null, 10)).Select(e => e.Member));
        Assert.Equal(["Zä😀/x", "b"], (await sets.ListAsync("register-members/customers", Subject, 10)).Select(e => e.Member));
        Assert.Equal(["customers"], (await sets.ListAsync("register-list", null, 10)).Select(e => e.Member));
    }

    /// <summary>What the stored forms take after the upgrades: the ledger stream id (its own tag since PostgreSQL 9, SQLite 7), the subject's grain key, the longest wrapped key.</summary>
    public static readonly (int StreamId, int GrainKey, int Wrapped) StoredLengths = (17, 17, 2 + 2 + 7);
}
