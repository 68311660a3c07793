using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Subjects;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Registers;

/// <summary>
/// A register's member list: an ordered set per register, written with each subject's state, paged by
/// subject id (keyset), so listing millions of members costs one index range scan per page. An entry holds no external
/// id: the subject's state holds it sealed, committed in the same write as the entry, so a page that shows external ids
/// reads its members' states in one batch and their data keys in one lookup, and opens each state's (an erased member,
/// one whose key is gone or whose state no longer has the membership reads as none).
/// </summary>
public sealed class RegisterMembers(IOrderedSetStore sets, DataKeyVault keys, IGrainStateStore states, IGrainStateSerializer serializer)
{
    public static string SetFor(string registerId) => $"register-members/{registerId}";

    public static SetEntryChange Entry(string registerId, StoredMemberEntry entry) =>
        new(SetFor(registerId), entry.SubjectId, StoredMemberEntryCodec.Encode(entry));

    public static SetEntryChange Removal(string registerId, string subjectId) => new(SetFor(registerId), subjectId, null);

    /// <param name="openExternalIds">False for a caller that needs only ids and dates (a campaign's selection): nothing is read but the page.</param>
    public async Task<MemberPage> ListAsync(string registerId, string? after, int limit, CancellationToken cancellationToken = default, bool openExternalIds = true)
    {
        var entries = await sets.ListAsync(SetFor(registerId), after, limit, cancellationToken);
        var stored = entries.Select(entry => StoredMemberEntryCodec.Decode(entry.Payload, entry.Member)).ToList();
        var externalIds = openExternalIds ? await OpenExternalIdsAsync(registerId, stored, cancellationToken) : [];
        var items = stored.Select(entry => new MemberEntry(entry.SubjectId, externalIds.GetValueOrDefault(entry.SubjectId), entry.Since, entry.LastActivityAt)).ToList();
        return new MemberPage(items, items.Count == limit ? items[^1].SubjectId : null);
    }

    /// <summary>
    /// The page's external ids by subject, at a cost bounded per page: one batched read of the states that hold them
    /// and one lookup of the keys. An entry an earlier version wrote with its own sealed copy is opened from that copy
    /// (its state is not read): it was written with the state each time the external id changed, so it is the same.
    /// </summary>
    private async Task<Dictionary<string, string>> OpenExternalIdsAsync(string registerId, List<StoredMemberEntry> page, CancellationToken cancellationToken)
    {
        var inState = page.Where(entry => entry.ExternalIdInState).Select(entry => entry.SubjectId).ToList();
        var needKeys = page.Where(entry => entry.ExternalIdInState || entry.ExternalId is { IsSealed: true }).Select(entry => entry.SubjectId);
        var keyLookup = keys.TryGetManyAsync(needKeys, cancellationToken);
        var stateRead = inState.Count == 0 ? Task.FromResult<IReadOnlyList<StoredGrainState?>>([])
            : states.ReadManyAsync([.. inState.Select(subjectId => new GrainKey(SubjectGrain.TypeName, subjectId))], cancellationToken);
        await Task.WhenAll(keyLookup, stateRead);
        var (found, read) = (keyLookup.Result, stateRead.Result);
        var memberships = new Dictionary<string, Membership>(inState.Count, StringComparer.Ordinal);
        for (var i = 0; i < inState.Count; i++)
        {
            // A state cleared, erased or without this membership any more: no external id, as a removed entry.
            if (found.ContainsKey(inState[i]) && read[i]?.Payload is { } payload
                && serializer.Deserialize<SubjectState>(payload) is { Erased: false } state && state.Memberships.TryGetValue(registerId, out var membership))
            {
                memberships[inState[i]] = membership;
            }
        }
        var opened = new Dictionary<string, string>(page.Count, StringComparer.Ordinal);
        foreach (var entry in page)
        {
            if (!found.TryGetValue(entry.SubjectId, out var key))
            {
                continue;
            }
            using var sealer = new FieldSealer(entry.SubjectId, key.Key);
            var externalId = entry.ExternalIdInState
                ? memberships.GetValueOrDefault(entry.SubjectId)?.ExternalIdOpened(sealer)
                : entry.ExternalId?.OpenWith(sealer, SealedFields.MembershipExternalId);
            if (externalId is not null)
            {
                opened[entry.SubjectId] = externalId;
            }
        }
        return opened;
    }
}
