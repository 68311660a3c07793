namespace PrivacyLedger.Storage.Sqlite.Tests;

/// <summary><see cref="CompactKey"/>, the stored form of grain keys, stream ids and unique index keys, on its own (the engines' contracts test it in use).</summary>
public sealed class CompactKeyTests
{
    private static readonly Comparer<byte[]> ByBytes = Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y));

    [Fact]
    public void Every_string_of_whole_characters_round_trips_exactly()
    {
        var random = new Random(17);
        const string alphabet = "0123456789abcdef/:-AFZ`gz\u0000ä€";
        var prefixes = new[] { "", "ledger/", "ledger:", "ledger", "Ledger/", "ledgers/", "x/ledger/", "ledger/ledger/", "v2:", "/", "ä/" };
        var values = Enumerable.Range(0, 3_000)
            .Select(_ => prefixes[random.Next(prefixes.Length)] + new string([.. Enumerable.Range(0, random.Next(0, 9)).Select(_ => alphabet[random.Next(alphabet.Length)])]))
            .Concat(["", "ledger/", $"ledger/{Guid.NewGuid():N}", $"ledger/{Guid.NewGuid():N}"[..^1], $"ledger/{Guid.NewGuid():N}".ToUpperInvariant(), "😀"])
            .ToList();

        Assert.All(values, value => Assert.Equal(value, CompactKey.Decode(CompactKey.Encode(value))));
        // No two strings share a stored form.
        Assert.Equal(values.Distinct(StringComparer.Ordinal).Count(), values.Select(value => Convert.ToHexString(CompactKey.Encode(value))).Distinct().Count());
    }

    [Fact]
    public void A_ledger_stream_id_takes_17_bytes_its_own_tag_and_the_hex_bytes()
    {
        var subjectId = Guid.NewGuid().ToString("N");

        var stored = CompactKey.Encode($"ledger/{subjectId}");

        Assert.Equal(17, stored.Length);
        Assert.Equal(CompactKey.FirstWellKnownTag, stored[0]);
        Assert.Equal(Convert.FromHexString(subjectId), stored[1..]);
        // Other prefixes, and "ledger" with the other separator or under another prefix, keep the prefix form.
        Assert.Equal(CompactKey.SlashHexTag, CompactKey.Encode($"campaign/{subjectId}")[0]);
        Assert.Equal(CompactKey.SlashHexTag, CompactKey.Encode($"x/ledger/{subjectId}")[0]);
        Assert.Equal(CompactKey.ColonHexTag, CompactKey.Encode($"ledger:{subjectId}")[0]);
    }

    [Fact]
    public void Keys_of_a_well_known_prefix_sort_in_their_string_order()
    {
        var random = new Random(19);
        var keys = Enumerable.Range(0, 500).Select(_ => $"ledger/{Convert.ToHexStringLower(RandomBytes(random, random.Next(1, 20)))}").Distinct().ToList();

        Assert.Equal(keys.Order(StringComparer.Ordinal), keys.OrderBy(CompactKey.Encode, ByBytes));
    }

    [Fact]
    public void A_ledger_key_stored_in_the_earlier_prefix_form_still_reads_and_is_reencoded_to_the_new_form()
    {
        var subjectId = Guid.NewGuid().ToString("N");
        byte[] earlier = [CompactKey.SlashHexTag, 6, .. "ledger"u8, .. Convert.FromHexString(subjectId)];

        Assert.Equal($"ledger/{subjectId}", CompactKey.Decode(earlier));
        Assert.Equal(CompactKey.Encode($"ledger/{subjectId}"), EarlierStoredForms.Reencode(earlier));
        // Every other stored form is today's already: left as it is.
        foreach (var key in new[] { subjectId, $"campaign/{subjectId}", $"v2:{subjectId}", "text", $"ledger/{subjectId}" })
        {
            Assert.Equal(CompactKey.Encode(key), EarlierStoredForms.Reencode(CompactKey.Encode(key)));
        }
    }

    [Fact]
    public void A_tag_beyond_the_well_known_prefixes_is_refused()
    {
        byte tag = (byte)(CompactKey.FirstWellKnownTag + CompactKey.WellKnownPrefixes.Length);

        Assert.Throws<FormatException>(() => CompactKey.Decode([tag, 0xab]));
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
