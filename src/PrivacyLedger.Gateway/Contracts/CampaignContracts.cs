using System.ComponentModel.DataAnnotations;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Campaigns;

namespace PrivacyLedger.Gateway.Contracts;

public sealed record StartCampaignBody(CampaignKind? Kind, [StringLength(FieldLimits.Id)] string? RegisterId, CampaignSelector? Selector, bool? DryRun, int? MaxPerSecond);

public sealed record CampaignUpload(string UploadId, long Count);
