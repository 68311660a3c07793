namespace PrivacyLedger.Ledger.Retention;

/// <summary>The interval the daily reminder was last registered with, so a start-up changes it only when configuration did.</summary>
public sealed class RetentionSweepState
{
    public TimeSpan Interval { get; set; }
}
