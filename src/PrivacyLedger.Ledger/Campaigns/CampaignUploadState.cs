namespace PrivacyLedger.Ledger.Campaigns;

public sealed class CampaignUploadState
{
    public long Appended { get; set; }
}
