using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Registers;

/// <summary>
/// A register's member list: an ordered set per register, written with each subject's state, paged by
/// subject id (keyset), so listing millions of members costs one index range scan per page. External ids are stored
/// sealed: a page opens them with its members' data keys, looked up together (an erased member's reads as none).
/// </summary>
public sealed class RegisterMembers(IOrderedSetStore sets, DataKeyVault keys)
{
    public static string SetFor(string registerId) => $"register-members/{registerId}";

    public static SetEntryChange Entry(string registerId, StoredMemberEntry entry) =>
        new(SetFor(registerId), entry.SubjectId, StoredMemberEntryCodec.Encode(entry));

    public static SetEntryChange Removal(string registerId, string subjectId) => new(SetFor(registerId), subjectId, null);

    /// <param name="openExternalIds">False for a caller that needs only ids and dates (a campaign's selection): no key lookups.</param>
    public async Task<MemberPage> ListAsync(string registerId, string? after, int limit, CancellationToken cancellationToken = default, bool openExternalIds = true)
    {
        var entries = await sets.ListAsync(SetFor(registerId), after, limit, cancellationToken);
        var stored = entries.Select(entry => StoredMemberEntryCodec.Decode(entry.Payload, entry.Member)).ToList();
        var items = await Task.WhenAll(stored.Select(entry => openExternalIds ? OpenAsync(entry, cancellationToken)
            : Task.FromResult(new MemberEntry(entry.SubjectId, null, entry.Since, entry.LastActivityAt))));
        return new MemberPage(items, items.Length == limit ? items[^1].SubjectId : null);
    }

    private async Task<MemberEntry> OpenAsync(StoredMemberEntry entry, CancellationToken cancellationToken)
    {
        using var sealer = entry.ExternalId is { IsSealed: true } && await keys.TryGetAsync(entry.SubjectId, cancellationToken) is { } key
            ? new FieldSealer(entry.SubjectId, key)
            : null;
        return new MemberEntry(entry.SubjectId, entry.ExternalId?.OpenWith(sealer, SealedFields.MembershipExternalId), entry.Since, entry.LastActivityAt);
    }
}
