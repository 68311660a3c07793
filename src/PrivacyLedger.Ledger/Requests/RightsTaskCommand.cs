namespace PrivacyLedger.Ledger.Requests;

/// <summary>One register's part of a request, as the subject grain carries it out. Safe to run again after a crash.</summary>
public sealed record RightsTaskCommand(string RequestId, RequestType Type, string RegisterId, RequestDetails? Details, TaskConfirmation? Confirmation);

public sealed record RightsTaskOutcome(RightsTaskStatus Status, DateTimeOffset? HeldUntil = null, string? HoldReason = null, string? Note = null);

/// <summary>What the subject grain says when a request is recorded: whether an access request came within the last 12 months (R1).</summary>
public sealed record RequestAdmission(DateTimeOffset? PreviousAccessRequestAt);
