using System.Collections.Concurrent;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Tests.Crypto;

/// <summary>An in-memory unique index with the storage contract's rules: first claim wins, owners change only by compare-and-swap.</summary>
internal sealed class MemoryUniqueIndex : IUniqueIndexStore
{
    private readonly ConcurrentDictionary<(string Index, string Key), string> _owners = new();

    public Task<IReadOnlyDictionary<string, string>> ClaimAsync(string index, IReadOnlyCollection<string> keys, string owner, CancellationToken cancellationToken = default)
    {
        foreach (var key in keys)
        {
            _owners.TryAdd((index, key), owner);
        }
        return GetAsync(index, keys, cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, string>> GetAsync(string index, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(keys
            .Where(key => _owners.ContainsKey((index, key)))
            .ToDictionary(key => key, key => _owners[(index, key)]));

    public Task<int> ReleaseAsync(string index, IReadOnlyCollection<string> keys, string? owner, CancellationToken cancellationToken = default) =>
        Task.FromResult(keys.Count(key => owner is null ? _owners.TryRemove((index, key), out _) : _owners.TryRemove(new KeyValuePair<(string, string), string>((index, key), owner))));

    public Task<IReadOnlyList<IndexEntry>> ListAsync(string index, string? afterKey, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<IndexEntry>>([.. _owners
            .Where(entry => entry.Key.Index == index && string.CompareOrdinal(entry.Key.Key, afterKey ?? "") > 0)
            .OrderBy(entry => entry.Key.Key, StringComparer.Ordinal)
            .Take(limit)
            .Select(entry => new IndexEntry(entry.Key.Key, entry.Value))]);

    public Task<IReadOnlyCollection<string>> ReplaceOwnersAsync(string index, IReadOnlyList<OwnerReplacement> replacements, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyCollection<string>>([.. replacements
            .Where(replacement => _owners.TryUpdate((index, replacement.Key), replacement.NewOwner, replacement.ExpectedOwner))
            .Select(replacement => replacement.Key)]);

    public Task<IReadOnlyDictionary<string, long>> CountByOwnerTagAsync(string index, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, long>>(_owners
            .Where(entry => entry.Key.Index == index)
            .GroupBy(entry => entry.Value.Contains(':', StringComparison.Ordinal) ? entry.Value[..entry.Value.IndexOf(':', StringComparison.Ordinal)] : "")
            .ToDictionary(group => group.Key, group => (long)group.Count()));
}
