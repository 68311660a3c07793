using System.Collections.Concurrent;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Runtime.Storage;

namespace PrivacyLedger.Ledger.Tests.Crypto;

public sealed class DataKeyVaultTests
{
    [Fact]
    public async Task Lookups_asked_for_together_share_round_trips_and_each_subject_gets_its_own_key()
    {
        var index = new CountingUniqueIndex();
        var vault = new DataKeyVault(index, TestKeys.Random());
        var subjects = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        var created = new List<DataKey>();
        foreach (var subject in subjects)
        {
            created.Add(await vault.GetOrCreateKeyAsync(subject));
        }
        index.GetCalls = 0;
        index.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Every lookup is asked for before storage answers any.
        var lookups = subjects.Select(subject => vault.TryGetKeyAsync(subject)).ToList();
        index.Hold.SetResult();
        var found = await Task.WhenAll(lookups);

        Assert.InRange(index.GetCalls, 1, subjects.Count / 2);
        for (var i = 0; i < subjects.Count; i++)
        {
            Assert.Equal(created[i].Key, found[i]!.Key);
            Assert.Equal(created[i].Wrapped, found[i]!.Wrapped);
        }
    }

    [Fact]
    public async Task A_destroyed_key_is_gone_for_a_lookup_asked_for_afterwards()
    {
        var vault = new DataKeyVault(new CountingUniqueIndex(), TestKeys.Random());
        var kept = Guid.NewGuid().ToString("N");
        var destroyed = Guid.NewGuid().ToString("N");
        var keptKey = await vault.GetOrCreateKeyAsync(kept);
        await vault.GetOrCreateKeyAsync(destroyed);

        Assert.True(await vault.DestroyAsync(destroyed));

        var lookups = await Task.WhenAll(vault.TryGetKeyAsync(destroyed), vault.TryGetKeyAsync(kept), vault.TryGetKeyAsync(destroyed));
        Assert.Null(lookups[0]);
        Assert.Equal(keptKey.Key, lookups[1]!.Key);
        Assert.Null(lookups[2]);
        Assert.False(await vault.DestroyAsync(destroyed));
    }

    /// <summary>An in-memory unique index, first claim wins, that counts owner lookups and can hold them.</summary>
    private sealed class CountingUniqueIndex : IUniqueIndexStore
    {
        private readonly ConcurrentDictionary<(string Index, string Key), string> _owners = new();

        public int GetCalls;

        public TaskCompletionSource? Hold { get; set; }

        public Task<IReadOnlyDictionary<string, string>> ClaimAsync(string index, IReadOnlyCollection<string> keys, string owner, CancellationToken cancellationToken = default)
        {
            foreach (var key in keys)
            {
                _owners.TryAdd((index, key), owner);
            }
            return Task.FromResult(Owners(index, keys));
        }

        public async Task<IReadOnlyDictionary<string, string>> GetAsync(string index, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref GetCalls);
            if (Hold is { } hold)
            {
                await hold.Task;
            }
            return Owners(index, keys);
        }

        public Task<int> ReleaseAsync(string index, IReadOnlyCollection<string> keys, string owner, CancellationToken cancellationToken = default) =>
            Task.FromResult(keys.Count(key => _owners.TryRemove(new KeyValuePair<(string, string), string>((index, key), owner))));

        private IReadOnlyDictionary<string, string> Owners(string index, IReadOnlyCollection<string> keys) =>
            keys.Where(key => _owners.ContainsKey((index, key))).ToDictionary(key => key, key => _owners[(index, key)]);
    }
}
