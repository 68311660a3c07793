using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Subjects;
using Orleans;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Retention;

/// <summary>
/// R5: walks the members of every register (or one) and has each subject remove its expired data. Registers
/// whose categories all last "while a member" are skipped: time alone ends nothing there.
/// </summary>
public sealed class RetentionSweeper(IGrainFactory grains, RegisterCatalog catalog, RegisterMembers members)
{
    private const int Page = 1_000;
    private const int Parallelism = 16;

    public async Task<SweepReport> SweepAsync(string? registerId, bool dryRun, Actor actor, CancellationToken cancellationToken = default)
    {
        var registers = registerId is null
            ? (await catalog.ListAsync()).Select(stored => stored.Definition).ToList()
            : [await catalog.FindAsync(registerId) ?? throw new LedgerNotFoundException($"Register '{registerId}'")];
        var examined = new HashSet<string>(StringComparer.Ordinal);
        var expired = new List<ExpiredData>();
        var swept = new List<string>();
        foreach (var register in registers.Where(r => r.Categories.Exists(c => c.Retention.Days is not null || c.Retention.Years is not null)))
        {
            swept.Add(register.Id);
            string? after = null;
            do
            {
                var page = await members.ListAsync(register.Id, after, Page, cancellationToken);
                var fresh = page.Items.Select(m => m.SubjectId).Where(examined.Add).ToList();
                var outcomes = new RetentionOutcome[fresh.Count];
                await Parallel.ForEachAsync(Enumerable.Range(0, fresh.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                    async (i, _) => outcomes[i] = await grains.GetGrain<ISubjectGrain>(fresh[i]).ApplyRetentionAsync(dryRun, actor));
                expired.AddRange(outcomes.SelectMany(o => o.Expired));
                after = page.Next;
            }
            while (after is not null);
        }
        var byCategory = expired.GroupBy(e => (e.RegisterId, e.CategoryId))
            .Select(g => new ExpiredCount(g.Key.RegisterId, g.Key.CategoryId, g.Count(), g.Any(e => e.External)))
            .OrderBy(c => c.RegisterId, StringComparer.Ordinal).ThenBy(c => c.CategoryId, StringComparer.Ordinal).ToList();
        return new SweepReport(dryRun, swept, examined.Count, byCategory);
    }
}
