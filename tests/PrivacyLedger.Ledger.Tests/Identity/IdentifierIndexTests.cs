using System.Security.Cryptography;
using System.Text;
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
}
