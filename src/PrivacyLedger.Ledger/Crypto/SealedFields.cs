namespace PrivacyLedger.Ledger.Crypto;

/// <summary>The names of sealed fields, part of each ciphertext's associated data: never to be renamed.</summary>
public static class SealedFields
{
    /// <summary>A subject state's personal fields sealed together (<see cref="SealedBundle"/>).</summary>
    public const string SubjectState = "subject.state";
    public const string Contact = "contact";
    public const string IdentifierDisplay = "identifier.display";
    /// <summary>Only ever in a state's bundle: earlier versions sealed the identity code alone, with the subject id as associated data.</summary>
    public const string IdentityCode = "identifier.identity-code";
    public const string MembershipExternalId = "membership.external-id";
    public const string MembershipSource = "membership.source";
    public const string ConsentSource = "consent.source";
    public const string ConsentEvidence = "consent.evidence";
    public const string ObjectionSource = "objection.source";
    public const string ObjectionEvidence = "objection.evidence";
    public const string RestrictionReason = "restriction.reason";
    public const string RequestDetails = "request.details";
    public const string VerifiedBy = "request.verified-by";
    public const string ExtensionReason = "request.extension-reason";
    public const string RefusalExplanation = "request.refusal-explanation";
    public const string ConfirmedBy = "request.task.confirmed-by";
    public const string ConfirmationEvidence = "request.task.evidence";
}
