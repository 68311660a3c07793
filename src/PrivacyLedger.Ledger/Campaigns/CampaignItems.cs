using System.Text.Json;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Campaigns;

/// <summary>A campaign's people and their outcomes: an ordered set per campaign, paged by subject id.</summary>
public sealed class CampaignItems(IOrderedSetStore sets)
{
    private const int ScanPage = 1_000;

    public static string SetFor(string campaignId) => $"campaign-items/{campaignId}";

    public async Task<CampaignItemPage> ListAsync(string campaignId, CampaignItemStatus? status, string? after, int limit, CancellationToken cancellationToken = default)
    {
        var items = new List<CampaignItem>(limit);
        var cursor = after;
        while (true)
        {
            var page = await sets.ListAsync(SetFor(campaignId), cursor, ScanPage, cancellationToken);
            foreach (var entry in page)
            {
                var item = JsonSerializer.Deserialize<CampaignItem>(entry.Payload, LedgerJson.Options)!;
                if (status is null || item.Status == status)
                {
                    items.Add(item);
                    if (items.Count == limit)
                    {
                        return new CampaignItemPage(items, item.SubjectId);
                    }
                }
                cursor = entry.Member;
            }
            if (page.Count < ScanPage)
            {
                return new CampaignItemPage(items, null);
            }
        }
    }
}
