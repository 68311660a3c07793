using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Storage;
using Xunit;

namespace PrivacyLedger.Testing;

/// <summary>
/// The rows both engines' upgrade tests to lean rows (PostgreSQL 8, SQLite 6) write in the earlier schema, and what the
/// stores must read back, and write, after the upgrade. Each engine writes the rows in its own dialect: keys already in
/// their stored forms (<see cref="CompactKey"/>, <see cref="OrderedKey"/>, as <see cref="Hex"/>), with write times.
/// </summary>
public static class LeanRowsUpgrade
{
    public const string Subject = "5ab1e0c0ffee4d2a9b7c3e1f00aa11bb";

    /// <summary>The grains written before the upgrade: (type, key, version, payload as text or null for a tombstone).</summary>
    public static readonly IReadOnlyList<(string Type, string Key, long Version, string? Payload)> Grains =
    [
        ("subject", Subject, 3, "subject state"),
        ("subject", "text-key", 1, "another subject"),
        ("register", "customers", 2, null),
        // A type whose name is also a set's: each use of the one number stays apart.
        ("register-list", "all", 1, "a grain named as a set"),
    ];

    /// <summary>Ledger events of the subject's stream, and one of another stream.</summary>
    public static readonly IReadOnlyList<(string Stream, long Seq, string Payload)> Events =
        [($"ledger/{Subject}", 1, "first"), ($"ledger/{Subject}", 2, "second"), ($"ledger/{Subject}", 3, "third"), ("campaign/x", 1, "other")];

    public static readonly IReadOnlyList<(string Set, string Member, string Payload)> Members =
        [("register-members/customers", Subject, "member"), ("register-members/customers", "b", "member b"), ("register-list", "customers", "listed")];

    /// <summary>A key's stored form as hex, for the engines' SQL literals.</summary>
    public static string Hex(byte[] stored) => Convert.ToHexStringLower(stored);

    public static string Hex(string text) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text));

    /// <summary>Every row written before the upgrade, read back through the stores; then the upgraded rows change as any other.</summary>
    public static async Task AssertEveryRowReadsBackAndWritesAsync(IServiceProvider services)
    {
        var states = services.GetRequiredService<IGrainStateStore>();
        var read = await states.ReadManyAsync([.. Grains.Select(grain => new GrainKey(grain.Type, grain.Key)), new GrainKey("never-stored", "x")]);
        Assert.Equal(Grains.Select(grain => (grain.Version, grain.Payload)).Append((0, null)),
            read.Select(state => (state?.Version ?? 0, state?.Payload is { } payload ? Encoding.UTF8.GetString(payload) : null)));
        Assert.Equal(3, (await states.ReadAsync(new GrainKey("subject", Subject)))!.Version);

        var streams = services.GetRequiredService<IEventStreamStore>();
        var ledger = await streams.ReadAsync($"ledger/{Subject}", 1, 10);
        Assert.Equal([(2L, "second", "first"), (3L, "third", "second")],
            ledger.Select(e => (e.Sequence, Encoding.UTF8.GetString(e.Payload), Encoding.UTF8.GetString(e.Previous!))));
        Assert.Equal(["other"], (await streams.ReadAsync("campaign/x", 0, 10)).Select(e => Encoding.UTF8.GetString(e.Payload)));

        var sets = services.GetRequiredService<IOrderedSetStore>();
        Assert.Equal([Subject, "b"], (await sets.ListAsync("register-members/customers", null, 10)).Select(e => e.Member));
        Assert.Equal(["listed"], (await sets.ListAsync("register-list", null, 10)).Select(e => Encoding.UTF8.GetString(e.Payload)));

        // An upgraded row is written at the version it was read at, a stale write conflicts, a new type is numbered.
        var results = await states.WriteAsync(
        [
            new StateWrite(new GrainKey("subject", Subject), 3, Encoding.UTF8.GetBytes("changed"))
            {
                Appends = [new StreamAppend($"ledger/{Subject}", 4, Encoding.UTF8.GetBytes("fourth"))],
                SetChanges = [new SetEntryChange("register-members/customers", "b", null)],
            },
            new StateWrite(new GrainKey("register", "customers"), 1, Encoding.UTF8.GetBytes("stale")),
            new StateWrite(new GrainKey("new-type", "n1"), 0, Encoding.UTF8.GetBytes("new")),
        ]);
        Assert.Equal([StateWriteResult.Written(4), StateWriteResult.Conflict, StateWriteResult.Written(1)], results);
        Assert.Equal(["changed", null, "new"], (await states.ReadManyAsync(
            [new GrainKey("subject", Subject), new GrainKey("register", "customers"), new GrainKey("new-type", "n1")]))
            .Select(state => state!.Payload is { } payload ? Encoding.UTF8.GetString(payload) : null));
        Assert.Equal([(4L, "fourth", "third")], (await streams.ReadAsync($"ledger/{Subject}", 3, 10))
            .Select(e => (e.Sequence, Encoding.UTF8.GetString(e.Payload), Encoding.UTF8.GetString(e.Previous!))));
        Assert.Equal([Subject], (await sets.ListAsync("register-members/customers", null, 10)).Select(e => e.Member));
    }
}
