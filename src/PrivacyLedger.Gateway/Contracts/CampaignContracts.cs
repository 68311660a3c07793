using PrivacyLedger.Ledger.Campaigns;

namespace PrivacyLedger.Gateway.Contracts;

public sealed record StartCampaignBody(CampaignKind? Kind, string? RegisterId, CampaignSelector? Selector, bool? DryRun, int? MaxPerSecond);

public sealed record CampaignCreated(string CampaignId);

public sealed record CampaignUpload(string UploadId, long Count);
