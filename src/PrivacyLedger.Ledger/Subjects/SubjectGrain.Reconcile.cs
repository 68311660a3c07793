using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>The erasure journal's side: erasing again a person whose erasure a restored backup rolled back.</summary>
public sealed partial class SubjectGrain
{
    public async Task<bool> ReapplyErasureAsync(DateTimeOffset erasedAt, Actor actor)
    {
        if (!State.Exists)
        {
            return false;
        }
        var key = await keys.TryGetKeyAsync(Key);
        List<UniqueKeyRelease> releases = key is null ? [] : [DataKeyVault.Destruction(key)];
        if (State.Erased)
        {
            // Still erased, only the key came back (it is stored apart from the state): destroy it alone.
            if (releases.Count > 0)
            {
                await WriteAsync(StateChanges.Releases(releases));
            }
            _dataKey = null;
            return false;
        }
        var hashes = State.Identifiers.Select(identifier => identifier.Hash).ToList();
        releases.AddRange(hashes.Select(hash => IdentifierIndex.Release(hash, Key)));
        if (State.Objections.ContainsKey(SuppressedScope))
        {
            // The suppression list was rolled back with the rest: the person's objection outlives the erasure again.
            await identifiers.SuppressDirectMarketingAsync(hashes);
        }
        var memberRemovals = State.Memberships.Keys.Select(registerId => RegisterMembers.Removal(registerId, Key)).ToList();
        State.Memberships.Clear();
        State.ErasedAt = erasedAt;
        State.Identifiers = [];
        State.Contact = new ContactData();
        State.Consents.Clear();
        State.Restrictions.Clear();
        State.Objections.Clear();
        State.AccessRequests.Clear();
        // As the first erasure's event, without data: it must stay readable as proof once the key is gone.
        var changes = new LedgerChanges(this, actor, clock.GetUtcNow());
        await changes.AddAsync(LedgerEventTypes.SubjectErased, null, null);
        await changes.CommitAsync(memberRemovals, releases);
        _dataKey = null;
        return true;
    }
}
