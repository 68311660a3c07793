using PrivacyLedger.Ledger.Requests;

namespace PrivacyLedger.Ledger.Receipts;

/// <summary>Builds a request's receipt from what the request grain knows; pure, so the same view always gives the same receipt.</summary>
public static class ReceiptBuilder
{
    /// <summary>The statuses a receipt is issued for. A partial completion (held data) gets one, and the later completion another.</summary>
    public static bool IsReceiptStatus(RequestStatus status) =>
        status is RequestStatus.Completed or RequestStatus.PartiallyCompleted or RequestStatus.Refused;

    /// <param name="view">The request as its grain shows it, in a final state.</param>
    /// <param name="ledgerHead">The hash of the last event in the person's ledger when the request reached that state.</param>
    /// <param name="completedAt">When the request reached that state.</param>
    public static RequestReceipt Build(RequestView view, string ledgerHead, DateTimeOffset completedAt, string issuer, DateTimeOffset issuedAt)
    {
        var refused = view.Status == RequestStatus.Refused ? view.Refusal : null;
        return new RequestReceipt(
            RequestReceipt.CurrentVersion, issuer, issuedAt, view.RequestId, view.Type, view.SubjectId, view.Status,
            view.ReceivedAt, view.Verification?.At, completedAt,
            refused is null ? null : new ReceiptRefusal(refused.Reason, refused.At),
            [.. view.Tasks.Select(task => Outcome(task, refused))],
            [.. view.Notifications.Select(n => new RecipientNotice(n.RegisterId, n.RecipientId, n.Event, n.Status, n.DeliveredAt))],
            ledgerHead,
            view.Outcome);
    }

    private static RegisterOutcome Outcome(RightsTask task, Refusal? refusal)
    {
        var outcome = new RegisterOutcome(task.RegisterId, task.Action, RegisterOutcomeKind.Pending);
        return task.Status switch
        {
            _ when refusal is not null && task.Status is not (RightsTaskStatus.Done or RightsTaskStatus.Held) =>
                outcome with { Outcome = RegisterOutcomeKind.Refused, RefusalReason = refusal.Reason },
            RightsTaskStatus.Done when task.Note == RightsTaskOutcome.NotAMember => outcome with { Outcome = RegisterOutcomeKind.NothingHeld },
            RightsTaskStatus.Done when task.Confirmation is { } confirmation =>
                // Who confirmed is free text a caller typed (it may name a person): the receipt keeps only when.
                outcome with { Outcome = RegisterOutcomeKind.Confirmed, ConfirmedAt = confirmation.At },
            RightsTaskStatus.Done => outcome with { Outcome = task.Action == "erase" ? RegisterOutcomeKind.Erased : RegisterOutcomeKind.Done },
            RightsTaskStatus.Held => outcome with { Outcome = RegisterOutcomeKind.Held, HeldUntil = task.HeldUntil, LegalBasis = task.HoldReason },
            RightsTaskStatus.Failed => outcome with { Outcome = RegisterOutcomeKind.Failed },
            _ => outcome,
        };
    }
}
