using System.Text.Json;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Campaigns;

/// <summary>
/// Every campaign's latest view, newest first: one ordered-set entry per campaign, written by the campaign grain in
/// the same commit as its state (start, each turn, pause, resume, cancel, completion), so the list never disagrees
/// with the campaigns and survives restarts. Campaigns are thousands, not millions, so a status filter is applied
/// while scanning the set a page at a time, as the request queue does.
/// </summary>
public sealed class CampaignDirectory(IOrderedSetStore sets)
{
    /// <summary>The ordered set behind the list.</summary>
    public const string Set = "campaigns";

    private const int ScanPage = 500;

    /// <summary>The campaign's entry as of <paramref name="view"/>, to commit with the campaign's state.</summary>
    public static SetEntryChange Entry(CampaignView view) =>
        new(Set, NewestFirst(view.CampaignId), JsonSerializer.SerializeToUtf8Bytes(view, LedgerJson.Options));

    /// <summary>
    /// Campaigns newest first, those of <paramref name="status"/> only when given, after the campaign id
    /// <paramref name="after"/> (the previous page's <see cref="CampaignPage.Next"/>).
    /// </summary>
    public async Task<CampaignPage> ListAsync(CampaignStatus? status, string? after, int limit, CancellationToken cancellationToken = default)
    {
        var items = new List<CampaignView>(limit);
        var cursor = after is null ? null : NewestFirst(after);
        while (true)
        {
            var page = await sets.ListAsync(Set, cursor, ScanPage, cancellationToken);
            foreach (var entry in page)
            {
                cursor = entry.Member;
                var view = JsonSerializer.Deserialize<CampaignView>(entry.Payload, LedgerJson.Options)!;
                if (status is null || view.Status == status)
                {
                    items.Add(view);
                    if (items.Count == limit)
                    {
                        return new CampaignPage(items, view.CampaignId);
                    }
                }
            }
            if (page.Count < ScanPage)
            {
                return new CampaignPage(items, null);
            }
        }
    }

    /// <summary>
    /// Campaign ids are time-ordered hex (UUIDv7); each hex digit's complement reverses that order, so the set's
    /// ordinal order is newest first. Any other character is kept, which keeps the key unique per id.
    /// </summary>
    internal static string NewestFirst(string campaignId) =>
        string.Create(campaignId.Length, campaignId, static (key, id) =>
        {
            for (var i = 0; i < id.Length; i++)
            {
                key[i] = id[i] switch
                {
                    >= '0' and <= '9' => "fedcba9876"[id[i] - '0'],
                    >= 'a' and <= 'f' => "543210"[id[i] - 'a'],
                    var other => other,
                };
            }
        });
}
