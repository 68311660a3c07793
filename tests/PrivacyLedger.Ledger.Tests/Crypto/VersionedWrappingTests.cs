using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PrivacyLedger.Ledger.Crypto;

namespace PrivacyLedger.Ledger.Tests.Crypto;

public sealed class VersionedWrappingTests
{
    private static readonly string First = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string Second = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static LedgerKeys Keys(Action<LedgerOptions> configure)
    {
        var options = new LedgerOptions();
        configure(options);
        return new LedgerKeys(Options.Create(options));
    }

    private static LedgerKeys FirstOnly() => Keys(options => options.MasterKey = First);

    private static LedgerKeys Both() => Keys(options =>
    {
        options.MasterKey = First;
        options.MasterKeys.Add(new MasterKeyVersionOptions { Version = 2, Key = Second });
    });

    private static LedgerKeys SecondWithFirstRetired() => Keys(options =>
    {
        options.MasterKeys.Add(new MasterKeyVersionOptions { Version = 1, Key = First, Retired = true });
        options.MasterKeys.Add(new MasterKeyVersionOptions { Version = 2, Key = Second });
        options.IdentifierKeyVersion = 1;
    });

    [Fact]
    public async Task Keys_wrapped_before_versions_existed_read_as_version_1_beside_new_ones_under_version_2()
    {
        var index = new MemoryUniqueIndex();
        var old = await new DataKeyVault(index, FirstOnly()).GetOrCreateKeyAsync("subject-old");
        var rotating = new DataKeyVault(index, Both());

        var created = await rotating.GetOrCreateKeyAsync("subject-new");

        Assert.StartsWith("k1:", old.Wrapped, StringComparison.Ordinal);
        Assert.Equal(1, WrappedKey.VersionOf(old.Wrapped));
        Assert.StartsWith("k2:", created.Wrapped, StringComparison.Ordinal);
        Assert.Equal(2, WrappedKey.VersionOf(created.Wrapped));
        Assert.Equal(old.Key, (await rotating.TryGetKeyAsync("subject-old"))!.Key);
        Assert.Equal(created.Key, (await new DataKeyVault(index, Both()).TryGetKeyAsync("subject-new"))!.Key);
        // A node without version 2 cannot read it, and says which setting is missing.
        var problem = await Assert.ThrowsAsync<InvalidOperationException>(() => new DataKeyVault(index, FirstOnly()).TryGetKeyAsync("subject-new"));
        Assert.Contains("Ledger:MasterKeys", problem.Message);
        Assert.DoesNotContain(Second, problem.Message);
    }

    [Fact]
    public async Task A_rewrapped_key_is_the_same_key_under_the_newest_version_and_reads_without_the_old_one()
    {
        var index = new MemoryUniqueIndex();
        var old = await new DataKeyVault(index, FirstOnly()).GetOrCreateKeyAsync("subject");
        var rotating = new DataKeyVault(index, Both());

        var rewrapped = rotating.Rewrap("subject", old.Wrapped)!;

        Assert.Equal(2, WrappedKey.VersionOf(rewrapped));
        Assert.Null(rotating.Rewrap("subject", rewrapped));
        Assert.Equal([("subject")], await index.ReplaceOwnersAsync("data-keys", [new("subject", old.Wrapped, rewrapped)]));
        Assert.Equal(old.Key, (await new DataKeyVault(index, SecondWithFirstRetired()).TryGetKeyAsync("subject"))!.Key);
        // The wrapped form is bound to its subject, under the new version as under the old.
        Assert.ThrowsAny<CryptographicException>(() => rotating.Rewrap("another-subject", old.Wrapped));
    }

    [Fact]
    public void A_node_never_rewraps_down_to_an_older_version()
    {
        var newer = WrappedKey.Format(3, RandomNumberGenerator.GetBytes(60));

        Assert.Null(new DataKeyVault(new MemoryUniqueIndex(), Both()).Rewrap("subject", newer));
    }

    [Fact]
    public async Task The_active_version_can_be_held_back_while_nodes_learn_a_new_one()
    {
        var keys = Keys(options =>
        {
            options.MasterKey = First;
            options.MasterKeys.Add(new MasterKeyVersionOptions { Version = 2, Key = Second });
            options.ActiveKeyVersion = 1;
        });

        var created = await new DataKeyVault(new MemoryUniqueIndex(), keys).GetOrCreateKeyAsync("subject");

        Assert.Equal(1, WrappedKey.VersionOf(created.Wrapped));
        Assert.Equal(2, keys.WrappingKeys.Count);
    }

    [Fact]
    public void The_identifier_hashing_key_does_not_change_with_rotation()
    {
        var before = FirstOnly();

        Assert.Equal(before.IdentifierHashingKey, Both().IdentifierHashingKey);
        Assert.Equal(before.IdentifierHashingKey, SecondWithFirstRetired().IdentifierHashingKey);
        Assert.NotEqual(before.KeyWrappingKey, Both().KeyWrappingKey);
        Assert.Equal([2], SecondWithFirstRetired().WrappingKeys.Keys);
    }

    [Fact]
    public async Task Destruction_removes_the_key_whatever_its_wrapped_form_has_become()
    {
        var index = new MemoryUniqueIndex();
        var read = await new DataKeyVault(index, FirstOnly()).GetOrCreateKeyAsync("subject");
        var rotating = new DataKeyVault(index, Both());
        await index.ReplaceOwnersAsync("data-keys", [new("subject", read.Wrapped, rotating.Rewrap("subject", read.Wrapped)!)]);

        var destruction = DataKeyVault.Destruction(read);
        Assert.Null(destruction.Owner);
        Assert.True(await rotating.DestroyAsync("subject"));
        Assert.Null(await rotating.TryGetKeyAsync("subject"));
    }

    [Fact]
    public async Task Keys_are_counted_by_version()
    {
        var index = new MemoryUniqueIndex();
        await new DataKeyVault(index, FirstOnly()).GetOrCreateKeyAsync("a");
        await new DataKeyVault(index, FirstOnly()).GetOrCreateKeyAsync("b");
        var rotating = new DataKeyVault(index, Both());
        await rotating.GetOrCreateKeyAsync("c");

        Assert.Equal(new Dictionary<int, long> { [1] = 2, [2] = 1 }, (await rotating.CountAsync()).ByVersion);
    }
}
