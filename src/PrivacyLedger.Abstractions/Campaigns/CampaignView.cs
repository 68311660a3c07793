using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Campaigns;

/// <summary>A campaign's progress. While <see cref="Selecting"/>, <see cref="Total"/> still grows and people already selected are being processed.</summary>
[GenerateSerializer, Immutable, Alias("campaign-view")]
public sealed record CampaignView(
    string CampaignId, CampaignKind Kind, string? RegisterId, CampaignStatus Status, bool DryRun, bool Selecting,
    long Total, long Processed, long Erased, long Held, long Failed, long Skipped,
    double RatePerSecond, double? EtaSeconds, int? MaxPerSecond, IReadOnlyList<string> Sample,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);
