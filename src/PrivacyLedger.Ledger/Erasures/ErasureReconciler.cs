using Microsoft.Extensions.Logging;
using Orleans;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Ledger.Erasures;

/// <summary>
/// Shreds again every journalled erasure whose data key is live again, as after the restore of a backup taken before
/// it: the key is destroyed and the subject brought back to its erased state (identifiers released, contact and
/// choices cleared, the erasure recorded in its ledger). The journal is streamed and keys are looked up a batch at a
/// time, so a journal of millions costs memory for one batch. Logs counts only, never a subject id.
/// </summary>
public sealed partial class ErasureReconciler(IErasureJournal journal, DataKeyVault keys, IGrainFactory grains, ILogger<ErasureReconciler> logger)
{
    // One batch's key lookups go to storage as one read (DataKeyVault coalesces up to 1,000).
    private const int BatchSize = 1_000;
    private const int ReshredParallelism = 16;
    private const long ProgressEvery = 100_000;

    public async Task<ErasureReconciliation> ReconcileAsync(bool dryRun, Actor actor, CancellationToken cancellationToken = default)
    {
        ReconciliationStarted(logger, dryRun);
        var stats = new ErasureJournalReadStats();
        var tally = new Tally(dryRun);
        var batch = new List<ErasureRecord>(BatchSize);
        await foreach (var record in journal.ReadAllAsync(stats, cancellationToken))
        {
            batch.Add(record);
            if (batch.Count == BatchSize)
            {
                await ReconcileBatchAsync(batch, tally, actor, cancellationToken);
                batch.Clear();
                if (tally.Checked % ProgressEvery == 0)
                {
                    ReconciliationProgress(logger, tally.Checked, tally.LiveKeys, tally.Reshredded);
                }
            }
        }
        await ReconcileBatchAsync(batch, tally, actor, cancellationToken);
        var outcome = new ErasureReconciliation(dryRun, tally.Checked, tally.LiveKeys, tally.Reshredded, stats.UnreadableLines);
        ReconciliationFinished(logger, dryRun, outcome.Checked, outcome.LiveKeys, outcome.Reshredded, outcome.UnreadableLines);
        return outcome;
    }

    private async Task ReconcileBatchAsync(List<ErasureRecord> batch, Tally tally, Actor actor, CancellationToken cancellationToken)
    {
        tally.Checked += batch.Count;
        // A subject journalled twice (an erasure retried after a failed commit) is shredded, and counted, once.
        var records = batch.DistinctBy(record => record.SubjectId, StringComparer.Ordinal).Where(tally.NotSeenLive).ToList();
        var found = await Task.WhenAll(records.Select(record => keys.TryGetKeyAsync(record.SubjectId, cancellationToken)));
        var live = records.Where((_, i) => found[i] is not null).ToList();
        tally.CountLive(live);
        if (tally.DryRun || live.Count == 0)
        {
            return;
        }
        await Parallel.ForEachAsync(live, new ParallelOptions { MaxDegreeOfParallelism = ReshredParallelism, CancellationToken = cancellationToken }, async (record, token) =>
        {
            // The grain destroys the key in the commit that erases its state again; a key without a subject's state
            // (a crash between the key's creation and the person's first write) is destroyed here.
            await grains.GetGrain<ISubjectGrain>(record.SubjectId).ReapplyErasureAsync(actor);
            await keys.DestroyAsync(record.SubjectId, token);
            tally.CountReshredded();
        });
    }

    /// <summary>The running counts; batches run one after another, re-shreds within one in parallel.</summary>
    private sealed class Tally(bool dryRun)
    {
        private readonly HashSet<string> _seenLive = new(StringComparer.Ordinal);
        private long _reshredded;

        public bool DryRun { get; } = dryRun;
        public long Checked { get; set; }
        public long LiveKeys => _seenLive.Count;
        public long Reshredded => Interlocked.Read(ref _reshredded);

        public bool NotSeenLive(ErasureRecord record) => !_seenLive.Contains(record.SubjectId);

        public void CountLive(IEnumerable<ErasureRecord> live) => _seenLive.UnionWith(live.Select(record => record.SubjectId));

        public void CountReshredded() => Interlocked.Increment(ref _reshredded);
    }

    [LoggerMessage(EventId = 2961, Level = LogLevel.Information, Message = "Erasure journal reconciliation started (dry run: {DryRun})")]
    private static partial void ReconciliationStarted(ILogger logger, bool dryRun);

    [LoggerMessage(EventId = 2962, Level = LogLevel.Information, Message = "Erasure journal reconciliation: {Checked} erasures checked, {LiveKeys} keys live again, {Reshredded} shredded again so far")]
    private static partial void ReconciliationProgress(ILogger logger, long @checked, long liveKeys, long reshredded);

    [LoggerMessage(EventId = 2963, Level = LogLevel.Information, Message = "Erasure journal reconciled (dry run: {DryRun}): {Checked} erasures checked, {LiveKeys} keys live again, {Reshredded} shredded again, {UnreadableLines} torn lines skipped")]
    private static partial void ReconciliationFinished(ILogger logger, bool dryRun, long @checked, long liveKeys, long reshredded, int unreadableLines);
}
