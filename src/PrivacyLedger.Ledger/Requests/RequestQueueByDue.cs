namespace PrivacyLedger.Ledger.Requests;

/// <summary>One row of the queue by due date: the request and whether its deadline has passed with work still open.</summary>
public sealed record RequestQueueRow(RequestQueueRecord Request, bool Overdue);

/// <summary>
/// A page of the queue by due date, and two counts over every open request the type and register filters let through
/// (whatever the due-date filters and the page): how many are overdue, and how many fall due from now to the end of
/// this ISO week (Sunday 24:00 UTC).
/// </summary>
/// <param name="Next">The cursor of the next page (keyset: due date, then request id), null on the last page.</param>
public sealed record RequestQueueByDue(IReadOnlyList<RequestQueueRow> Items, string? Next, int OverdueCount, int DueThisWeekCount);
