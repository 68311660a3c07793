using System.Security.Cryptography;
using PrivacyLedger.Ledger.Crypto;

namespace PrivacyLedger.Ledger.Tests.Crypto;

public sealed class MasterKeyRingTests
{
    private static readonly string Key1 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string Key2 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static MasterKeyVersionOptions V(int version, string key, bool retired = false) => new() { Version = version, Key = key, Retired = retired };

    private static LedgerOptions Versions(params MasterKeyVersionOptions[] versions)
    {
        var options = new LedgerOptions();
        options.MasterKeys.AddRange(versions);
        return options;
    }

    [Fact]
    public void The_single_master_key_is_version_1_and_wraps_and_keys_identifiers()
    {
        var ring = MasterKeyRing.From(new LedgerOptions { MasterKey = Key1 });

        Assert.Equal([1], ring.Keys.Keys);
        Assert.Equal(1, ring.Newest);
        Assert.Equal(1, ring.IdentifierVersion);
        Assert.Empty(MasterKeyRing.Problems(new LedgerOptions { MasterKey = Key1 }));
    }

    [Fact]
    public void The_newest_version_not_retired_wraps_unless_one_is_named()
    {
        var options = Versions(V(1, Key1), V(2, Key2));
        Assert.Equal(2, MasterKeyRing.From(options).Newest);

        options.ActiveKeyVersion = 1;
        Assert.Equal(1, MasterKeyRing.From(options).Newest);
    }

    [Fact]
    public void Each_problem_names_its_setting_and_never_echoes_a_key()
    {
        var duplicate = MasterKeyRing.Problems(Versions(V(1, Key1), V(1, Key2)));
        var legacyDuplicate = MasterKeyRing.Problems(new LedgerOptions { MasterKey = Key1, MasterKeys = [V(1, Key2)] });
        var badBase64 = MasterKeyRing.Problems(Versions(V(1, Key1), V(2, "not*base64")));
        var short16 = MasterKeyRing.Problems(Versions(V(1, Convert.ToBase64String(new byte[16]))));
        var badVersion = MasterKeyRing.Problems(Versions(V(0, Key1)));
        var allRetired = MasterKeyRing.Problems(Versions(V(1, Key1, retired: true)));
        var identifierMissing = MasterKeyRing.Problems(Versions(V(2, Key2)));
        var identifierPinnedMissing = MasterKeyRing.Problems(new LedgerOptions { MasterKey = Key1, IdentifierKeyVersion = 3 });
        var activeRetired = MasterKeyRing.Problems(new LedgerOptions { MasterKeys = [V(1, Key1, retired: true), V(2, Key2)], ActiveKeyVersion = 1 });

        Assert.Contains("Ledger:MasterKeys:1:Version: master key version 1 is configured twice (also Ledger:MasterKeys:0)", Assert.Single(duplicate));
        Assert.Contains("Ledger:MasterKeys:0:Version: master key version 1 is configured twice (also Ledger:MasterKey)", Assert.Single(legacyDuplicate));
        Assert.StartsWith("Ledger:MasterKeys:1:Key is not base64", Assert.Single(badBase64));
        Assert.StartsWith("Ledger:MasterKeys:0:Key decodes to 16 bytes", Assert.Single(short16));
        Assert.StartsWith("Ledger:MasterKeys:0:Version must be", Assert.Single(badVersion));
        Assert.Contains("every version is retired", Assert.Single(allRetired));
        Assert.StartsWith("Ledger:IdentifierKeyVersion is not set and master key version 1 is not configured", Assert.Single(identifierMissing));
        Assert.StartsWith("Ledger:IdentifierKeyVersion is 3", Assert.Single(identifierPinnedMissing));
        Assert.StartsWith("Ledger:ActiveKeyVersion is 1", Assert.Single(activeRetired));
        var all = duplicate.Concat(legacyDuplicate).Concat(badBase64).Concat(short16).Concat(badVersion).Concat(allRetired).Concat(identifierMissing);
        Assert.All(all, problem => Assert.False(problem.Contains(Key1, StringComparison.Ordinal) || problem.Contains(Key2, StringComparison.Ordinal) || problem.Contains("not*base64", StringComparison.Ordinal)));
        Assert.Throws<InvalidOperationException>(() => MasterKeyRing.From(Versions(V(2, Key2))));
    }

    [Fact]
    public void Without_any_key_the_single_master_key_is_asked_for()
    {
        Assert.StartsWith("Ledger:MasterKey is not set", Assert.Single(MasterKeyRing.Problems(new LedgerOptions())));
    }
}
