namespace PrivacyLedger.Ledger;

/// <summary>
/// The ledger's clock: the <see cref="TimeProvider"/> behind every rule of time (deadlines, retention, holds, pacing),
/// registered under <see cref="Key"/> so that a test can move it without moving Orleans' own clock, which drives
/// membership, timers and call timeouts and must stay real.
/// </summary>
public static class LedgerClock
{
    public const string Key = "ledger";
}
