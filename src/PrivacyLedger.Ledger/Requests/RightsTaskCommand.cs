namespace PrivacyLedger.Ledger.Requests;

/// <summary>One register's part of a request, as the subject grain carries it out. Safe to run again after a crash.</summary>
public sealed record RightsTaskCommand(string RequestId, RequestType Type, string RegisterId, RequestDetails? Details, TaskConfirmation? Confirmation);

public sealed record RightsTaskOutcome(RightsTaskStatus Status, DateTimeOffset? HeldUntil = null, string? HoldReason = null, string? Note = null);

/// <summary>
/// A whole erasure of one person in one turn (a campaign's): in one register, or every register when
/// <see cref="RegisterId"/> is null; with <see cref="RetentionExpiredIn"/>, only if the person's retention in
/// that register has run out at that moment.
/// </summary>
public sealed record ErasureCommand(string RequestId, string? RegisterId, string? RetentionExpiredIn = null);

/// <summary>Each register's outcome, whether the person is now erased, and whether a retention condition stopped it all.</summary>
public sealed record ErasureOutcome(IReadOnlyList<RegisterErasure> Registers, bool SubjectErased, bool RetentionNotExpired = false);

public sealed record RegisterErasure(string RegisterId, RightsTaskOutcome Outcome);

/// <summary>What the subject grain says when a request is recorded: whether an access request came within the last 12 months (R1).</summary>
public sealed record RequestAdmission(DateTimeOffset? PreviousAccessRequestAt);
