namespace PrivacyLedger.Cli.Gateway;

/// <summary>The body of <c>POST /v1/erasures/reconcile</c>; <see cref="DryRun"/> is always sent.</summary>
public sealed record ReconcileBody(bool DryRun);

public sealed record ErasureReconciliation(bool DryRun, long Checked, long LiveKeys, long Reshredded, int UnreadableLines);
