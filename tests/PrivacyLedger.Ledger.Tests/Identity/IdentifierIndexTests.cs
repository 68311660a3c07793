using System.Security.Cryptography;
using System.Text;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Identity;

namespace PrivacyLedger.Ledger.Tests.Identity;

public sealed class IdentifierIndexTests
{
    private static readonly LedgerKeys Keys = TestKeys.Random();

    [Fact]
    public void The_hash_is_HMAC_SHA_256_of_kind_and_value_on_every_thread_and_every_call()
    {
        // The index stores these hashes: they must stay HMAC-SHA256("kind:value") under the identifier hashing key.
        var index = new IdentifierIndex(null!, Keys);
        var identifiers = Enumerable.Range(0, 200).Select(i => new SubjectIdentifier(i % 2 == 0 ? IdentifierKind.Email : IdentifierKind.CustomerNumber, $"p{i}@example.fi")).ToList();
        string Expected(SubjectIdentifier identifier) =>
            Convert.ToHexStringLower(HMACSHA256.HashData(Keys.IdentifierHashingKey, Encoding.UTF8.GetBytes($"{IdentifierKinds.ToWireName(identifier.Kind)}:{identifier.Value}")));

        var hashes = new string[identifiers.Count];
        Parallel.For(0, identifiers.Count, i => hashes[i] = index.Hash(identifiers[i]));

        Assert.Equal(identifiers.Select(Expected), hashes);
        Assert.Equal(hashes[0], index.Hash(identifiers[0]));
    }
}
