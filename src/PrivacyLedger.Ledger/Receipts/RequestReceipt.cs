using PrivacyLedger.Ledger.Requests;

namespace PrivacyLedger.Ledger.Receipts;

/// <summary>
/// What a signed receipt says about a rights request that reached a final state: ids, times, outcomes and codes
/// only. Nothing personal: no names, identifiers, evidence or text a person typed (the refusal's explanation and
/// failure notes stay out); the subject appears only as its pseudonymous id. <see cref="Outcome"/> says, for an
/// erasure, whether anything was erased at all (<c>nothing-to-erase</c>: the person was in none of the registers).
/// </summary>
public sealed record RequestReceipt(
    int Version,
    string Issuer,
    DateTimeOffset IssuedAt,
    string RequestId,
    RequestType Type,
    string SubjectId,
    RequestStatus Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? VerifiedAt,
    DateTimeOffset CompletedAt,
    ReceiptRefusal? Refusal,
    IReadOnlyList<RegisterOutcome> Registers,
    IReadOnlyList<RecipientNotice> RecipientsNotified,
    string LedgerHead,
    RequestOutcome? Outcome = null)
{
    /// <summary>The JWS <c>typ</c> of a receipt.</summary>
    public const string JwsType = "privacy-ledger-receipt+jws";

    public const int CurrentVersion = 1;
}

/// <summary>Why the request was refused, as a code (the explanation is free text and stays out).</summary>
public sealed record ReceiptRefusal(RefusalReason Reason, DateTimeOffset At);

/// <summary>What happened in one register.</summary>
/// <param name="Action">What the request asked of the register: <c>erase</c>, <c>export</c>, <c>rectify</c>, ...</param>
/// <param name="LegalBasis">For <see cref="RegisterOutcomeKind.Held"/>: the register's legal hold (category, reason, law).</param>
public sealed record RegisterOutcome(
    string RegisterId,
    string Action,
    RegisterOutcomeKind Outcome,
    DateTimeOffset? HeldUntil = null,
    string? LegalBasis = null,
    DateTimeOffset? ConfirmedAt = null,
    RefusalReason? RefusalReason = null);

public enum RegisterOutcomeKind
{
    /// <summary>The person's data in the register is erased.</summary>
    Erased,
    /// <summary>The action other than erasure (export, rectify, restrict, object, withdraw consent) was carried out.</summary>
    Done,
    /// <summary>Kept until <see cref="RegisterOutcome.HeldUntil"/> under <see cref="RegisterOutcome.LegalBasis"/>, restricted meanwhile.</summary>
    Held,
    /// <summary>Carried out in an external system, which confirmed it.</summary>
    Confirmed,
    /// <summary>The request was refused; nothing was done here.</summary>
    Refused,
    /// <summary>The register held nothing of the person.</summary>
    NothingHeld,
    /// <summary>The register's part failed (the reason is in the privacy officer's view, not here).</summary>
    Failed,
    /// <summary>Not carried out (still waiting when the receipt was issued).</summary>
    Pending,
}

/// <summary>An Art. 19 notification to a recipient named by a register, and how its delivery stood.</summary>
public sealed record RecipientNotice(string RegisterId, string RecipientId, string Event, NotificationStatus Delivery, DateTimeOffset? DeliveredAt);
