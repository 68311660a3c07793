using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Tests.Crypto;

/// <summary>
/// The wrapped form as written today (the AES key wrap, in hex, which storage keeps as bytes) and as written before (AES-GCM
/// in hex, and before that in base64).
/// </summary>
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
    public async Task A_new_key_is_wrapped_with_the_AES_key_wrap_in_40_bytes_that_storage_keeps_in_44()
    {
        var index = new MemoryUniqueIndex();
        var created = await new DataKeyVault(index, Both()).GetOrCreateKeyAsync("subject");

        Assert.Matches("^k2:[0-9a-f]{80}$", created.Wrapped);
        Assert.True(WrappedKey.IsKeyWrap(created.Wrapped));
        Assert.Equal(2, WrappedKey.VersionOf(created.Wrapped));
        Assert.Equal(44, CompactKey.Encode(created.Wrapped).Length);
        Assert.Equal(created.Key, (await new DataKeyVault(index, Both()).TryGetKeyAsync("subject"))!.Key);
        Assert.Equal(new Dictionary<int, long> { [2] = 1 }, (await new DataKeyVault(index, Both()).CountAsync()).ByVersion);
    }

    [Fact]
    public async Task A_key_wrapped_for_one_subject_does_not_unwrap_as_another_subjects()
    {
        var index = new MemoryUniqueIndex();
        var vault = new DataKeyVault(index, Both());
        var created = await vault.GetOrCreateKeyAsync("subject");
        await index.ClaimAsync(UniqueIndexes.DataKeys, ["another-subject"], created.Wrapped);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => vault.TryGetKeyAsync("another-subject"));
    }

    public static TheoryData<int, bool> EarlierForms => new() { { 1, false }, { 1, true }, { 2, false }, { 2, true } };

    [Theory]
    [MemberData(nameof(EarlierForms))]
    public async Task Keys_wrapped_with_AES_GCM_still_unwrap_and_the_rewrap_moves_them_to_the_newest_versions_key_wrap(int version, bool base64)
    {
        var keys = Both();
        var index = new MemoryUniqueIndex();
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var sealedKey = AuthenticatedCipher.Encrypt(keys.WrappingKeys[version], dataKey, "subject"u8);
        var stored = base64 ? (version == 1 ? "" : $"v{version}:") + Convert.ToBase64String(sealedKey) : WrappedKey.Format(version, sealedKey);
        await index.ClaimAsync(UniqueIndexes.DataKeys, ["subject"], stored);
        var vault = new DataKeyVault(index, keys);

        Assert.Equal(dataKey, (await vault.TryGetKeyAsync("subject"))!.Key);
        Assert.Equal(1, (await vault.CountAsync()).ToRewrap);
        var rewrapped = vault.Rewrap("subject", stored)!;
        Assert.Matches("^k2:[0-9a-f]{80}$", rewrapped);
        Assert.Null(vault.Rewrap("subject", rewrapped));
        await index.ReplaceOwnersAsync(UniqueIndexes.DataKeys, [new("subject", stored, rewrapped)]);
        Assert.Equal(dataKey, (await new DataKeyVault(index, keys).TryGetKeyAsync("subject"))!.Key);
        Assert.Equal(0, (await vault.CountAsync()).ToRewrap);
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
}
