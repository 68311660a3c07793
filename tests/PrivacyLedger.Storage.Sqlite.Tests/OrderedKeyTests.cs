namespace PrivacyLedger.Storage.Sqlite.Tests;

/// <summary><see cref="OrderedKey"/>, the stored form of set members, on its own (the engines' contracts test it in use).</summary>
public sealed class OrderedKeyTests
{
    [Fact]
    public void Every_string_round_trips_and_byte_order_is_ordinal_order()
    {
        var random = new Random(13);
        const string alphabet = "0123456789abcdef/:-AFZ`gz\u0000\u007fä€\uE000\uFFFF";
        var values = Enumerable.Range(0, 2_000)
            .Select(_ => new string([.. Enumerable.Range(0, random.Next(0, 9)).Select(_ => alphabet[random.Next(alphabet.Length)])]))
            .Concat(["", "😀", "😀x", Guid.NewGuid().ToString("N"), "\uD800"])
            .ToList();

        Assert.All(values, value => Assert.Equal(value, OrderedKey.Decode(OrderedKey.Encode(value))));
        var byBytes = values.OrderBy(OrderedKey.Encode, Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y))).ToList();
        Assert.Equal(values.Order(StringComparer.Ordinal), byBytes);
    }

    [Fact]
    public void A_subject_id_takes_20_bytes()
    {
        Assert.Equal(20, OrderedKey.Encode(Guid.NewGuid().ToString("N")).Length);
    }
}
