using System.Collections.Concurrent;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Storage;

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
    public async Task Keys_created_together_for_a_bulk_load_are_each_stored_as_wrapping_it_alone_stores_it_and_read_back()
    {
        var keys = TestKeys.Random();
        var index = new CountingUniqueIndex();
        var vault = new DataKeyVault(index, keys);
        var subjects = Enumerable.Range(0, 300).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        using var randomness = new RandomSupply();

        var created = vault.CreateForNewSubjects(subjects, randomness);

        using var alone = new AesKeyWrap(keys.KeyWrapKeys[keys.NewestVersion]);
        Assert.Equal(subjects.Count, created.Select(key => Convert.ToHexString(key.Key)).Distinct().Count());
        for (var i = 0; i < subjects.Count; i++)
        {
            var (key, claim) = created[i];
            Assert.Equal(32, key.Length);
            Assert.Equal((UniqueIndexes.DataKeys, subjects[i]), (claim.Index, claim.Key));
            Assert.Equal(WrappedKey.FormatKeyWrap(keys.NewestVersion, alone.Wrap(key, DataKeyVault.InitialValueFor(subjects[i]))), claim.Owner);
            await index.ClaimAsync(claim.Index, [claim.Key], claim.Owner);
            Assert.Equal(key, await vault.TryGetAsync(subjects[i]));
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

    [Fact]
    public async Task Many_keys_are_looked_up_in_one_call_without_those_destroyed_or_never_made()
    {
        var index = new CountingUniqueIndex();
        var vault = new DataKeyVault(index, TestKeys.Random());
        var (kept, destroyed, never) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        var keptKey = await vault.GetOrCreateKeyAsync(kept);
        await vault.GetOrCreateKeyAsync(destroyed);
        Assert.True(await vault.DestroyAsync(destroyed));
        index.GetCalls = 0;

        var found = await vault.TryGetManyAsync([kept, destroyed, never, kept]);

        Assert.Equal(1, index.GetCalls);
        Assert.Equal([kept], found.Keys);
        Assert.Equal(keptKey.Key, found[kept].Key);
        Assert.Equal(keptKey.Wrapped, found[kept].Wrapped);
        Assert.Empty(await vault.TryGetManyAsync([]));
        Assert.Equal(1, index.GetCalls);
    }

    [Fact]
    public async Task A_lookup_asked_for_after_a_destruction_does_not_join_a_batch_that_read_before_it()
    {
        var index = new CountingUniqueIndex();
        var vault = new DataKeyVault(index, TestKeys.Random());
        var subject = Guid.NewGuid().ToString("N");
        var key = await vault.GetOrCreateKeyAsync(subject);
        index.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var before = vault.TryGetKeyAsync(subject);
        await index.HeldRead.Task; // its batch has read the key and waits to answer
        await index.ReleaseAsync("data-keys", [subject], key.Wrapped);
        var after = vault.TryGetKeyAsync(subject);
        index.Hold.SetResult();

        Assert.Equal(key.Key, (await before)!.Key);
        Assert.Null(await after);
    }

    /// <summary>An in-memory unique index, first claim wins, that counts owner lookups and can hold them.</summary>
    private sealed class CountingUniqueIndex : IUniqueIndexStore
    {
        private readonly ConcurrentDictionary<(string Index, string Key), string> _owners = new();

        public int GetCalls;

        public TaskCompletionSource? Hold { get; set; }

        /// <summary>Completed when a lookup has read and is being held.</summary>
        public TaskCompletionSource HeldRead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
            // Read now, answer once released: a held lookup has seen storage as it was when it was sent.
            var owners = Owners(index, keys);
            if (Hold is { } hold)
            {
                HeldRead.TrySetResult();
                await hold.Task;
            }
            return owners;
        }

        public Task<int> ReleaseAsync(string index, IReadOnlyCollection<string> keys, string? owner, CancellationToken cancellationToken = default) =>
            Task.FromResult(keys.Count(key => owner is null ? _owners.TryRemove((index, key), out _) : _owners.TryRemove(new KeyValuePair<(string, string), string>((index, key), owner))));

        public Task<IReadOnlyList<IndexEntry>> ListAsync(string index, string? afterKey, int limit, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyCollection<string>> ReplaceOwnersAsync(string index, IReadOnlyList<OwnerReplacement> replacements, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, long>> CountByOwnerTagAsync(string index, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        private IReadOnlyDictionary<string, string> Owners(string index, IReadOnlyCollection<string> keys) =>
            keys.Where(key => _owners.ContainsKey((index, key))).ToDictionary(key => key, key => _owners[(index, key)]);
    }
}
