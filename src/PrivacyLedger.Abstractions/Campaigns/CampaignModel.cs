using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Campaigns;

[GenerateSerializer, Alias("campaign-kind")]
public enum CampaignKind { Erasure, RegisterPurge }

[GenerateSerializer, Alias("campaign-status")]
public enum CampaignStatus { Planned, Running, Paused, Completed, Cancelled, Failed }

/// <summary>Who a campaign is about: a list of subject ids (inline or uploaded), or a register's members inactive since a date or whose retention has run out.</summary>
[GenerateSerializer, Immutable, Alias("campaign-selector")]
public sealed record CampaignSelector
{
    [Id(0)] public DateTimeOffset? InactiveSince { get; init; }
    [Id(1)] public bool RetentionExpired { get; init; }
    [Id(2)] public List<string>? SubjectIds { get; init; }
    /// <summary>An upload (<c>POST /v1/campaigns/uploads</c>) holding the list, for lists too long for a request body.</summary>
    [Id(3)] public string? SubjectIdsUpload { get; init; }
}

[GenerateSerializer, Immutable, Alias("new-campaign")]
public sealed record NewCampaign(CampaignKind Kind, string? RegisterId, CampaignSelector Selector, bool DryRun, int? MaxPerSecond);

/// <summary>A campaign's progress. While <see cref="Selecting"/>, <see cref="Total"/> still grows and people already selected are being processed.</summary>
[GenerateSerializer, Immutable, Alias("campaign-view")]
public sealed record CampaignView(
    string CampaignId, CampaignKind Kind, string? RegisterId, CampaignStatus Status, bool DryRun, bool Selecting,
    long Total, long Processed, long Erased, long Held, long Failed, long Skipped,
    double RatePerSecond, double? EtaSeconds, int? MaxPerSecond, IReadOnlyList<string> Sample,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);
