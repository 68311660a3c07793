using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Tests.Crypto;

/// <summary>The wrapped form as written today (hex, which storage keeps as bytes) and as written before (base64).</summary>
public sealed class WrappedKeyFormTests
{
    private static readonly string First = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string Second = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static LedgerKeys Both()
    {
        var options = new LedgerOptions { MasterKey = First };
        options.MasterKeys.Add(new MasterKeyVersionOptions { Version = 2, Key = Second });
        return new LedgerKeys(Options.Create(options));
    }

    [Fact]
    public void A_wrapped_key_is_written_as_hex_that_storage_keeps_as_its_version_and_raw_bytes()
    {
        var sealedKey = RandomNumberGenerator.GetBytes(60);

        var (first, second) = (WrappedKey.Format(1, sealedKey), WrappedKey.Format(2, sealedKey));

        Assert.Equal(Convert.ToHexStringLower(sealedKey), first);
        Assert.Equal($"v2:{Convert.ToHexStringLower(sealedKey)}", second);
        Assert.Equal((1, 2), (WrappedKey.VersionOf(first), WrappedKey.VersionOf(second)));
        Assert.Equal(sealedKey, WrappedKey.SealedBytes(first));
        Assert.Equal(sealedKey, WrappedKey.SealedBytes(second));
        Assert.Equal((61, 64), (CompactKey.Encode(first).Length, CompactKey.Encode(second).Length));
    }

    [Fact]
    public async Task Keys_wrapped_in_the_earlier_base64_forms_still_unwrap()
    {
        var index = new MemoryUniqueIndex();
        var vault = new DataKeyVault(index, Both());
        var created = await vault.GetOrCreateKeyAsync("subject");
        var earlier = $"v2:{Convert.ToBase64String(WrappedKey.SealedBytes(created.Wrapped))}";
        await index.ReplaceOwnersAsync(UniqueIndexes.DataKeys, [new("subject", created.Wrapped, earlier)]);

        var read = await new DataKeyVault(index, Both()).TryGetKeyAsync("subject");

        Assert.Equal(created.Key, read!.Key);
        Assert.Equal(2, WrappedKey.VersionOf(earlier));
        Assert.Equal(WrappedKey.SealedBytes(created.Wrapped), WrappedKey.SealedBytes(Convert.ToBase64String(WrappedKey.SealedBytes(created.Wrapped))));
    }
}
