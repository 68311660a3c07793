using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Requests;

/// <summary>One register's part of a request, as the subject grain carries it out. Safe to run again after a crash.</summary>
[GenerateSerializer, Immutable, Alias("rights-task-command")]
public sealed record RightsTaskCommand(string RequestId, RequestType Type, string RegisterId, RequestDetails? Details, TaskConfirmation? Confirmation);

[GenerateSerializer, Immutable, Alias("rights-task-outcome")]
public sealed record RightsTaskOutcome(RightsTaskStatus Status, DateTimeOffset? HeldUntil = null, string? HoldReason = null, string? Note = null);

/// <summary>
/// A whole erasure of one person in one turn (a campaign's): in one register, or every register when
/// <see cref="RegisterId"/> is null; with <see cref="RetentionExpiredIn"/>, only if the person's retention in
/// that register has run out at that moment.
/// </summary>
[GenerateSerializer, Immutable, Alias("erasure-command")]
public sealed record ErasureCommand(string RequestId, string? RegisterId, string? RetentionExpiredIn = null);

/// <summary>Each register's outcome, whether the person is now erased, and whether a retention condition stopped it all.</summary>
[GenerateSerializer, Immutable, Alias("erasure-outcome")]
public sealed record ErasureOutcome(IReadOnlyList<RegisterErasure> Registers, bool SubjectErased, bool RetentionNotExpired = false);

[GenerateSerializer, Immutable, Alias("register-erasure")]
public sealed record RegisterErasure(string RegisterId, RightsTaskOutcome Outcome);

/// <summary>What the subject grain says when a request is recorded: whether an access request came within the last 12 months (R1).</summary>
[GenerateSerializer, Immutable, Alias("request-admission")]
public sealed record RequestAdmission(DateTimeOffset? PreviousAccessRequestAt);
