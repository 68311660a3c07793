using Orleans;

namespace PrivacyLedger.Ledger.Campaigns;

[GenerateSerializer, Alias("campaign-kind")]
public enum CampaignKind { Erasure, RegisterPurge }
