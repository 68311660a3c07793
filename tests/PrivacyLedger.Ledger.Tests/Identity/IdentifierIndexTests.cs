using System.Security.Cryptography;
using System.Text;
using CsCheck;
using Microsoft.Extensions.Options;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Identity;

namespace PrivacyLedger.Ledger.Tests.Identity;

public sealed class IdentifierIndexTests
{
    private static readonly LedgerKeys Keys = TestKeys.Random();

    [Fact]
    public void The_hash_is_HMAC_SHA_256_of_kind_and_value_cut_to_16_bytes_on_every_thread_and_every_call()
    {
        // The index stores these hashes: they must stay HMAC-SHA256("kind:value") under the identifier hashing key, its
        // first 16 bytes (the storage upgrade cut the stored ones so).
        var index = new IdentifierIndex(null!, Keys);
        var identifiers = Enumerable.Range(0, 200).Select(i => new SubjectIdentifier(i % 2 == 0 ? IdentifierKind.Email : IdentifierKind.CustomerNumber, $"p{i}@example.fi")).ToList();
        string Expected(SubjectIdentifier identifier) =>
            Convert.ToHexStringLower(HMACSHA256.HashData(Keys.IdentifierHashingKey, Encoding.UTF8.GetBytes($"{IdentifierKinds.ToWireName(identifier.Kind)}:{identifier.Value}"))[..16]);

        var hashes = new string[identifiers.Count];
        Parallel.For(0, identifiers.Count, i => hashes[i] = index.Hash(identifiers[i]));

        Assert.Equal(identifiers.Select(Expected), hashes);
        Assert.Equal(hashes[0], index.Hash(identifiers[0]));
    }

    [Fact]
    public void A_hash_stored_whole_by_an_earlier_version_is_cut_as_the_index_keys_were_and_others_are_kept()
    {
        var index = new IdentifierIndex(null!, Keys);
        var identifier = new SubjectIdentifier(IdentifierKind.Email, "p1@example.fi");
        var whole = Convert.ToHexStringLower(HMACSHA256.HashData(Keys.IdentifierHashingKey, "email:p1@example.fi"u8));

        Assert.Equal(index.Hash(identifier), IdentifierIndex.Shorten(whole));
        Assert.Equal(index.Hash(identifier), IdentifierIndex.Shorten(index.Hash(identifier)));
        Assert.Equal("abc", IdentifierIndex.Shorten("abc"));
    }

    [Fact]
    public void Generated_identifiers_hash_as_the_interpolated_string_did_long_non_ascii_and_lone_surrogates_included()
    {
        // The hash is written straight from the spans now; it must stay the HMAC of what the earlier code hashed: the UTF-8
        // (a lone surrogate as U+FFFD) of the interpolated "kind:value", at every length (a long value takes a pooled buffer).
        var index = new IdentifierIndex(null!, Keys);
        string Before(SubjectIdentifier identifier) =>
            Convert.ToHexStringLower(HMACSHA256.HashData(Keys.IdentifierHashingKey, Encoding.UTF8.GetBytes($"{IdentifierKinds.ToWireName(identifier.Kind)}:{identifier.Value}"))[..16]);
        var value = Gen.OneOf(
            Gen.Char['\u0000', '\uffff'].Array[0, 40].Select(chars => new string(chars)),
            Gen.Char["aä€😀"].Array[100, 700].Select(chars => new string(chars)),
            Gen.Int[0, 1200].Select(length => new string('x', length)));
        Gen.Select(Gen.Enum<IdentifierKind>(), value).Sample((kind, text) =>
        {
            var identifier = new SubjectIdentifier(kind, text);
            Assert.Equal(Before(identifier), index.Hash(identifier));
        }, iter: 2_000);
    }

    [Theory]
    [InlineData(IdentifierKind.Email, "person17@example.fi", "d90e778247b1e48955e78decfa80c1f7")]
    [InlineData(IdentifierKind.Phone, "+358400000017", "b7cad08f62720cd45c11764d55bb2217")]
    [InlineData(IdentifierKind.CustomerNumber, "C00000017", "87bafa5960fe749dc213d0c8ba28fff2")]
    [InlineData(IdentifierKind.Hetu, "131052-308T", "583251868cde7bf0e337a0d42f19f3b4")]
    [InlineData(IdentifierKind.Email, "väinö.hämäläinen@esimerkki.fi", "fbc85069977e35cbe4fb2f8d14b3542c")]
    public void The_hashes_stored_today_are_pinned(IdentifierKind kind, string value, string stored)
    {
        // Computed outside .NET (HKDF-SHA256 of this master key, then HMAC-SHA256 of "kind:value", first 16 bytes): the
        // index already holds such keys, so no rewrite of Hash may change one.
        var keys = new LedgerKeys(Options.Create(new LedgerOptions { MasterKey = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=" }));
        Assert.Equal(stored, new IdentifierIndex(null!, keys).Hash(new SubjectIdentifier(kind, value)));
    }

    [Fact]
    public void A_long_value_and_a_lone_surrogate_are_pinned_too()
    {
        var keys = new LedgerKeys(Options.Create(new LedgerOptions { MasterKey = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=" }));
        var index = new IdentifierIndex(null!, keys);
        Assert.Equal("12a756414bdeabf0478261fa61fbe6f6", index.Hash(new SubjectIdentifier(IdentifierKind.CustomerNumber, new string('x', 600))));
        // A lone surrogate (which attribute data cannot carry) is hashed as U+FFFD.
        Assert.Equal("cd77982395dd5a4bd3280e0bd67dbcba", index.Hash(new SubjectIdentifier(IdentifierKind.Email, "a\ud800b")));
    }
}
