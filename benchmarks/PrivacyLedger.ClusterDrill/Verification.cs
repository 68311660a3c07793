using System.Collections.Concurrent;
using System.Text.Json;

namespace PrivacyLedger.ClusterDrill;

/// <summary>
/// The end of the drill, through the API after the load: every acknowledged consent change is in its person's ledger
/// and the last one per person is the consent now held (or a change sent later that got no answer, which may have
/// been applied); every changed person's hash chain verifies.
/// </summary>
internal sealed class Verification(DrillHttp http, int concurrency, TextWriter log)
{
    private readonly ConcurrentQueue<string> _problems = new();

    public IReadOnlyCollection<string> Problems => _problems;

    public long LostFromState { get; private set; }

    public long LostFromLedger { get; private set; }

    public long InvalidChains { get; private set; }

    public long ChainsVerified { get; private set; }

    public async Task ConsentsAsync(IReadOnlyList<AckedChange> acked, IReadOnlyDictionary<string, string> unacknowledged)
    {
        var byPerson = acked.GroupBy(change => change.SubjectId, StringComparer.Ordinal).ToList();
        long lostState = 0, lostLedger = 0;
        await Parallel.ForEachAsync(byPerson, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (person, _) =>
        {
            var subjectId = person.Key;
            var last = person.Last();
            var held = await ConsentEvidenceAsync(subjectId);
            var acceptable = unacknowledged.TryGetValue(subjectId, out var pending) ? new[] { last.Evidence, pending } : [last.Evidence];
            if (!acceptable.Contains(held))
            {
                Interlocked.Increment(ref lostState);
                Report($"consent of {subjectId}: holds evidence {held ?? "none"}, last acknowledged {last.Evidence}");
            }
            var inLedger = await LedgerEvidenceAsync(subjectId);
            foreach (var change in person.Where(change => !inLedger.Contains(change.Evidence)))
            {
                Interlocked.Increment(ref lostLedger);
                Report($"ledger of {subjectId}: no consent.granted with evidence {change.Evidence}");
            }
        });
        LostFromState = lostState;
        LostFromLedger = lostLedger;
        log.WriteLine($"# consents: {acked.Count:N0} acknowledged changes to {byPerson.Count:N0} people; not the final state: {lostState}; missing from the ledger: {lostLedger}; unacknowledged at the end: {unacknowledged.Count}");
    }

    /// <summary>GET …/ledger/verification for each person: valid, with at least one event.</summary>
    public async Task ChainsAsync(string what, IReadOnlyCollection<string> subjectIds)
    {
        long invalid = 0, verified = 0;
        await Parallel.ForEachAsync(subjectIds, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (subjectId, _) =>
        {
            var reply = await RetriedGetAsync("verify-chain", $"/v1/subjects/{subjectId}/ledger/verification");
            if (reply.IsSuccess && reply.Json().GetProperty("valid").GetBoolean())
            {
                Interlocked.Increment(ref verified);
                return;
            }
            Interlocked.Increment(ref invalid);
            Report($"chain of {subjectId} ({what}): {reply.Describe()}");
        });
        InvalidChains += invalid;
        ChainsVerified += verified;
        log.WriteLine($"# hash chains of {what}: {verified:N0} valid, {invalid} not");
    }

    /// <summary>
    /// Each person's ledger holds exactly one <c>membership.erased</c> for the register: erased once, whatever the
    /// campaign's item says. Answers how many people had none, one, and more than one.
    /// </summary>
    public async Task<(long None, long Once, long More)> ErasedOnceAsync(string what, IReadOnlyCollection<string> subjectIds, string registerId)
    {
        long none = 0, once = 0, more = 0;
        await Parallel.ForEachAsync(subjectIds, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (subjectId, _) =>
        {
            var erasures = 0;
            await foreach (var item in LedgerAsync(subjectId))
            {
                if (item.GetProperty("type").GetString() == "membership.erased"
                    && item.TryGetProperty("registerId", out var register) && register.GetString() == registerId)
                {
                    erasures++;
                }
            }
            if (erasures == 1)
            {
                Interlocked.Increment(ref once);
                return;
            }
            Interlocked.Increment(ref erasures == 0 ? ref none : ref more);
            Report($"ledger of {subjectId} ({what}): {erasures} membership.erased events for {registerId}");
        });
        log.WriteLine($"# ledgers of {what}: {once:N0} erased from {registerId} exactly once, {none} never, {more} more than once");
        return (none, once, more);
    }

    private async Task<string?> ConsentEvidenceAsync(string subjectId)
    {
        var reply = await RetriedGetAsync("verify-subject", $"/v1/subjects/{subjectId}");
        if (!reply.IsSuccess)
        {
            Report($"subject {subjectId}: {reply.Describe()}");
            return null;
        }
        return reply.Json().GetProperty("consents").EnumerateArray()
            .Where(consent => consent.GetProperty("purposeId").GetString() == MixedLoad.Purpose)
            .Select(consent => consent.TryGetProperty("evidence", out var evidence) ? evidence.GetString() : null)
            .FirstOrDefault();
    }

    private async Task<HashSet<string>> LedgerEvidenceAsync(string subjectId)
    {
        var evidences = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in LedgerAsync(subjectId))
        {
            if (item.GetProperty("type").GetString() == "consent.granted"
                && item.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("evidence", out var evidence) && evidence.GetString() is { } value)
            {
                evidences.Add(value);
            }
        }
        return evidences;
    }

    /// <summary>A person's whole ledger, page by page; a page that cannot be read is reported and ends it.</summary>
    private async IAsyncEnumerable<JsonElement> LedgerAsync(string subjectId)
    {
        string? after = null;
        do
        {
            var reply = await RetriedGetAsync("verify-ledger", $"/v1/subjects/{subjectId}/ledger?limit=1000" + (after is null ? "" : "&after=" + after));
            if (!reply.IsSuccess)
            {
                Report($"ledger of {subjectId}: {reply.Describe()}");
                yield break;
            }
            var page = reply.Json();
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                yield return item;
            }
            after = Paging.Next(page);
        }
        while (after is not null);
    }

    /// <summary>Reads are retried a few times (after the load nothing should fail; a failure stays in the timeline).</summary>
    private async Task<Reply> RetriedGetAsync(string kind, string path)
    {
        var reply = await http.GetAsync(kind, path);
        for (var attempt = 1; attempt < 4 && reply.Status is 0 or >= 500; attempt++)
        {
            await Task.Delay(500 * attempt);
            reply = await http.GetAsync(kind, path);
        }
        return reply;
    }

    private void Report(string problem)
    {
        _problems.Enqueue(problem);
    }
}
