namespace PrivacyLedger.Ledger.Erasures;

/// <summary>What a read of the journal skipped: lines a crash cut short (at most the last of each writer's batch).</summary>
public sealed class ErasureJournalReadStats
{
    public int UnreadableLines { get; set; }
}
