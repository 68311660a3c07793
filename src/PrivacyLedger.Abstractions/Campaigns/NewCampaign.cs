using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Campaigns;

[GenerateSerializer, Immutable, Alias("new-campaign")]
public sealed record NewCampaign(CampaignKind Kind, string? RegisterId, CampaignSelector Selector, bool DryRun, int? MaxPerSecond);
