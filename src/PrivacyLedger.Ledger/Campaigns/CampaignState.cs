namespace PrivacyLedger.Ledger.Campaigns;

/// <summary>The campaign grain's persistent state: its selection, both cursors and the counters, saved together each turn.</summary>
public sealed class CampaignState
{
    public string? CampaignId { get; set; }
    public CampaignKind Kind { get; set; }
    public string? RegisterId { get; set; }
    public DateTimeOffset? InactiveSince { get; set; }
    /// <summary>Selects the register's members whose retention has run out (<see cref="Retention.RetentionRules.MembershipExpired"/>).</summary>
    public bool RetentionExpired { get; set; }
    /// <summary>Set when the people come from an uploaded list rather than a register's members.</summary>
    public string? UploadId { get; set; }
    public bool DryRun { get; set; }
    public int? MaxPerSecond { get; set; }
    public CampaignStatus Status { get; set; }
    /// <summary>True while people are still being selected from the register's member list or the upload; those already selected are processed meanwhile.</summary>
    public bool Selecting { get; set; }
    /// <summary>The last register member looked at while selecting.</summary>
    public string? SelectionCursor { get; set; }
    /// <summary>The last item processed: every item up to it has its final status.</summary>
    public string? ProcessCursor { get; set; }
    public long Total { get; set; }
    public long Processed { get; set; }
    public long Erased { get; set; }
    public long Held { get; set; }
    public long Failed { get; set; }
    public long Skipped { get; set; }
    public List<string> Sample { get; set; } = [];
    public double RunningSeconds { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}
