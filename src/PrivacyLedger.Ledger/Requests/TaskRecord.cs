namespace PrivacyLedger.Ledger.Requests;

/// <summary>One register's task, as the request's state holds it (<see cref="RightsTask"/> with its confirmation sealed at rest).</summary>
public sealed record TaskRecord(string RegisterId, string Action, RightsTaskStatus Status, DateTimeOffset? HeldUntil = null, string? HoldReason = null,
    ConfirmationRecord? Confirmation = null, string? Note = null)
{
    public RightsTask ToView() => new(RegisterId, Action, Status, HeldUntil, HoldReason, Confirmation?.ToView(), Note);
}
