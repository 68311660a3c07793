namespace PrivacyLedger.Ledger.Campaigns;

/// <summary>A page of campaigns, newest first; <see cref="Next"/> is the last campaign's id when more may follow.</summary>
public sealed record CampaignPage(IReadOnlyList<CampaignView> Items, string? Next);
