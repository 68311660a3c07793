using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Requests;

/// <summary>
/// The privacy officer's queue: requests in id (= arrival) order, filtered by status, due date or overdue,
/// paged by keyset (<see cref="ListAsync"/>, the API's); and by due date for the console (<see cref="ByDueDateAsync"/>).
/// Filters are applied while scanning the ordered set a page at a time.
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
                var open = IsOpen(request.Status);
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

    /// <summary>Received, verified or in progress: work still to do. A partial completion has been answered.</summary>
    public static bool IsOpen(RequestStatus status) => !Deadlines.IsFinal(status) && status != RequestStatus.PartiallyCompleted;

    /// <summary>
    /// The console's queue: requests by due date (then id), filtered, paged by keyset on (due date, id). The set is kept
    /// in id order, so each page reads it through and sorts what passes: fine for the thousands of requests a controller
    /// has, not for millions.
    /// </summary>
    public async Task<RequestQueueByDue> ByDueDateAsync(RequestQueueFilter filter, string? after, int limit, CancellationToken cancellationToken = default)
    {
        var cursor = after is null ? default((DateTimeOffset DueAt, string RequestId)?) : ParseCursor(after);
        var now = timeProvider.GetUtcNow();
        var weekEnd = EndOfWeek(now);
        var (overdue, dueThisWeek) = (0, 0);
        var passed = new List<RequestQueueRecord>();
        await foreach (var request in ReadAllAsync(cancellationToken))
        {
            if ((filter.Type is { } type && request.Type != type) || (filter.RegisterId is { } register && !request.MayConcern(register)))
            {
                continue;
            }
            var late = request.IsOpen && request.DueAt < now;
            overdue += late ? 1 : 0;
            dueThisWeek += request.IsOpen && !late && request.DueAt < weekEnd ? 1 : 0;
            if ((filter.Status is { } status ? request.Status == status : request.IsOpen)
                && (filter.DueFrom is not { } from || request.DueAt >= from)
                && (filter.DueBefore is not { } before || request.DueAt < before)
                && (!filter.OverdueOnly || late)
                && (cursor is not { } last || Compare(request.DueAt, request.RequestId, last.DueAt, last.RequestId) > 0))
            {
                passed.Add(request);
            }
        }
        passed.Sort((a, b) => Compare(a.DueAt, a.RequestId, b.DueAt, b.RequestId));
        var page = passed.Take(limit).Select(request => new RequestQueueRow(request, request.IsOpen && request.DueAt < now)).ToList();
        var next = passed.Count > limit ? Cursor(page[^1].Request) : null;
        return new RequestQueueByDue(page, next, overdue, dueThisWeek);
    }

    /// <summary>The end of the ISO week (Monday 00:00 UTC after now).</summary>
    public static DateTimeOffset EndOfWeek(DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var daysToMonday = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        return today.AddDays(daysToMonday == 0 ? 7 : daysToMonday);
    }

    private async IAsyncEnumerable<RequestQueueRecord> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        while (true)
        {
            var page = await sets.ListAsync(RightsRequestGrain.QueueSet, after, ScanPage, cancellationToken);
            foreach (var entry in page)
            {
                yield return JsonSerializer.Deserialize<RequestQueueRecord>(entry.Payload, LedgerJson.Options)!;
            }
            if (page.Count < ScanPage)
            {
                yield break;
            }
            after = page[^1].Member;
        }
    }

    private static int Compare(DateTimeOffset dueA, string idA, DateTimeOffset dueB, string idB) =>
        dueA != dueB ? dueA.CompareTo(dueB) : string.CompareOrdinal(idA, idB);

    private static string Cursor(RequestQueueRecord request) =>
        request.DueAt.UtcTicks.ToString(CultureInfo.InvariantCulture) + "." + request.RequestId;

    private static (DateTimeOffset DueAt, string RequestId) ParseCursor(string cursor)
    {
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        if (dot < 1 || dot == cursor.Length - 1
            || !long.TryParse(cursor.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new LedgerValidationException("after", "after is not a cursor the queue gave: start again from the first page.");
        }
        return (new DateTimeOffset(ticks, TimeSpan.Zero), cursor[(dot + 1)..]);
    }
}
