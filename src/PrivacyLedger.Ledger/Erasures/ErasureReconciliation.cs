namespace PrivacyLedger.Ledger.Erasures;

/// <summary>
/// What a reconciliation found: how many journalled erasures it checked, how many of those people's data keys were
/// live again (a restored backup brought them back), and how many it shredded again (none in a dry run).
/// </summary>
public sealed record ErasureReconciliation(bool DryRun, long Checked, long LiveKeys, long Reshredded, int UnreadableLines);
