using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Requests;

/// <summary>
/// The privacy officer's queue: requests in id (= arrival) order, filtered by status, due date or overdue,
/// paged by keyset. Filters are applied while scanning the ordered set a page at a time.
/// </summary>
public sealed class RequestQueue(IOrderedSetStore sets, [FromKeyedServices(LedgerClock.Key)] TimeProvider timeProvider)
{
    private const int ScanPage = 500;

    public async Task<RequestQueuePage> ListAsync(RequestStatus? status, DateTimeOffset? dueBefore, bool overdueOnly, string? after, int limit, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var items = new List<RequestQueueEntry>(limit);
        var cursor = after;
        while (items.Count < limit)
        {
            var page = await sets.ListAsync(RightsRequestGrain.QueueSet, cursor, ScanPage, cancellationToken);
            foreach (var entry in page)
            {
                cursor = entry.Member;
                var request = JsonSerializer.Deserialize<RequestQueueEntry>(entry.Payload, LedgerJson.Options)!;
                var open = !Deadlines.IsFinal(request.Status) && request.Status != RequestStatus.PartiallyCompleted;
                if ((status is null || request.Status == status) && (dueBefore is null || request.DueAt < dueBefore) && (!overdueOnly || (open && request.DueAt < now)))
                {
                    items.Add(request);
                    if (items.Count == limit)
                    {
                        return new RequestQueuePage(items, request.RequestId);
                    }
                }
            }
            if (page.Count < ScanPage)
            {
                return new RequestQueuePage(items, null);
            }
        }
        return new RequestQueuePage(items, cursor);
    }
}
