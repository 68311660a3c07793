namespace PrivacyLedger.Ledger.Erasures;

/// <summary>
/// The append-only record of every full erasure, kept outside the database so that restoring a backup of the
/// database does not roll it back: after a restore, <see cref="ErasureReconciler"/> shreds again every person it names
/// whose data key came back with the backup.
/// </summary>
public interface IErasureJournal
{
    /// <summary>Returns once the record is on disk (flushed): an erasure commits only after its record is durable.</summary>
    Task AppendAsync(ErasureRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every record in the journal when the read begins, streamed from the start (records appended meanwhile are not
    /// read); lines a crash left torn are skipped and counted.
    /// </summary>
    IAsyncEnumerable<ErasureRecord> ReadAllAsync(ErasureJournalReadStats stats, CancellationToken cancellationToken = default);
}
