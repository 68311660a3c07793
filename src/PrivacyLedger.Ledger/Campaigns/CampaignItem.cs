namespace PrivacyLedger.Ledger.Campaigns;

/// <summary>Where a person stands in a campaign. Each selected person ends in exactly one final status.</summary>
public enum CampaignItemStatus { Selected, Erased, Held, Failed, Skipped }

public sealed record CampaignItem(string SubjectId, CampaignItemStatus Status, string? Note = null);

public sealed record CampaignItemPage(IReadOnlyList<CampaignItem> Items, string? Next);
