namespace PrivacyLedger.Ledger.Requests;

/// <summary>
/// What the console's queue shows (<see cref="RequestQueue.ByDueDateAsync"/>); each null filter lets everything through.
/// Without <see cref="Status"/> only open requests are listed; with it, those in that status, open or not.
/// </summary>
/// <param name="DueFrom">Due at or after this moment.</param>
/// <param name="DueBefore">Due before this moment.</param>
public sealed record RequestQueueFilter(
    RequestType? Type = null, RequestStatus? Status = null, string? RegisterId = null,
    DateTimeOffset? DueFrom = null, DateTimeOffset? DueBefore = null, bool OverdueOnly = false);
