using Orleans;

namespace PrivacyLedger.Ledger.Campaigns;

[GenerateSerializer, Alias("campaign-status")]
public enum CampaignStatus { Planned, Running, Paused, Completed, Cancelled, Failed }
