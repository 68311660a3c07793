using System.Text.Json;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Registers;

/// <summary>
/// A register's member list: an ordered set per register, written with each subject's state, paged by
/// subject id (keyset), so listing millions of members costs one index range scan per page.
/// </summary>
public sealed class RegisterMembers(IOrderedSetStore sets)
{
    public static string SetFor(string registerId) => $"register-members/{registerId}";

    public static SetEntryChange Entry(string registerId, MemberEntry entry) =>
        new(SetFor(registerId), entry.SubjectId, JsonSerializer.SerializeToUtf8Bytes(entry, LedgerJson.Options));

    public static SetEntryChange Removal(string registerId, string subjectId) => new(SetFor(registerId), subjectId, null);

    public async Task<MemberPage> ListAsync(string registerId, string? after, int limit, CancellationToken cancellationToken = default)
    {
        var entries = await sets.ListAsync(SetFor(registerId), after, limit, cancellationToken);
        var items = entries.Select(entry => JsonSerializer.Deserialize<MemberEntry>(entry.Payload, LedgerJson.Options)!).ToList();
        return new MemberPage(items, items.Count == limit ? items[^1].SubjectId : null);
    }
}
