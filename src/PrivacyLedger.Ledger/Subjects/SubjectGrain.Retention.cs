using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Retention;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Subjects;

public sealed partial class SubjectGrain
{
    public async Task<bool> IsRetentionExpiredAsync(string registerId) =>
        State.Exists && !State.Erased && State.Memberships.TryGetValue(registerId, out var membership)
        && await registers.FindAsync(registerId) is { } register
        && RetentionRules.MembershipExpired(register, membership, clock.GetUtcNow());

    public async Task<RetentionOutcome> ApplyRetentionAsync(bool dryRun, Actor actor)
    {
        if (!State.Exists || State.Erased)
        {
            return new RetentionOutcome([]);
        }
        var now = clock.GetUtcNow();
        var expired = new List<ExpiredData>();
        foreach (var (registerId, membership) in State.Memberships)
        {
            if (await registers.FindAsync(registerId) is not { } register)
            {
                continue;
            }
            expired.AddRange(RetentionRules.Expired(register, membership, now).Select(e => new ExpiredData(registerId, e.Category.Id, e.ExpiredAt, e.Category.External)));
        }
        if (dryRun || expired.Count == 0)
        {
            return new RetentionOutcome(expired);
        }

        var changes = new LedgerChanges(this, actor, now);
        var setChanges = new List<SetEntryChange>();
        foreach (var byRegister in expired.GroupBy(e => e.RegisterId))
        {
            var membership = State.Memberships[byRegister.Key];
            var removed = byRegister.Where(e => !e.External).Select(e => e.CategoryId).ToList();
            var external = byRegister.Where(e => e.External).Select(e => e.CategoryId).ToList();
            if (removed.Count > 0)
            {
                var kept = membership.Categories.Where(c => !removed.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Value);
                State.Memberships[byRegister.Key] = membership with { Categories = kept };
                setChanges.Add(RegisterMembers.Entry(byRegister.Key, State.Memberships[byRegister.Key].EntryFor(Key)));
                await changes.AddAsync(LedgerEventTypes.RetentionExpired, byRegister.Key, new { categories = removed });
            }
            if (external.Count > 0)
            {
                // Kept in another system: the ledger records that it is due there; that system confirms its removal.
                await changes.AddAsync(LedgerEventTypes.RetentionAwaitingConfirmation, byRegister.Key, new { categories = external });
            }
        }
        await changes.CommitAsync(setChanges);
        return new RetentionOutcome(expired);
    }
}
