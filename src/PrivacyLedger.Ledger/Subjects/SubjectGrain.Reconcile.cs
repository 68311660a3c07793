using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>The erasure journal's side: erasing again a person whose erasure a restored backup rolled back.</summary>
public sealed partial class SubjectGrain
{
    public async Task<bool> ReapplyErasureAsync(Actor actor)
    {
        if (!State.Exists)
        {
            return false;
        }
        if (State.Erased)
        {
            // Still erased, only the key came back (it is stored apart from the state): destroy it alone.
            if (await keys.TryGetKeyAsync(Key) is { } key)
            {
                await WriteAsync(StateChanges.Releases([DataKeyVault.Destruction(key)]));
            }
            _dataKey = null;
            return false;
        }
        // The journal says the person was fully erased, so every membership the backup holds goes, whatever holds or
        // confirmations applied then; the rest is the erasure itself, journalled again as the erasure it is.
        var memberRemovals = State.Memberships.Keys.Select(registerId => RegisterMembers.Removal(registerId, Key)).ToList();
        State.Memberships.Clear();
        await CommitErasureAsync(new LedgerChanges(this, actor, clock.GetUtcNow()), memberRemovals);
        return true;
    }
}
