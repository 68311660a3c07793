namespace PrivacyLedger.Ledger.Chain;

/// <summary>The types of ledger events, as they appear in the API.</summary>
public static class LedgerEventTypes
{
    public const string SubjectCreated = "subject.created";
    /// <summary>A person created by a bulk import: identifiers, contact data and memberships in one event.</summary>
    public const string SubjectImported = "subject.imported";
    public const string MembershipEnrolled = "membership.enrolled";
    /// <summary>A further enrolment in a register the person is already in: only what it changed (categories, external id, last activity).</summary>
    public const string MembershipUpdated = "membership.updated";
    public const string ContactRectified = "contact.rectified";
    public const string IdentifierAdded = "identifier.added";
    public const string ConsentGranted = "consent.granted";
    public const string ConsentWithdrawn = "consent.withdrawn";
    public const string ObjectionRegistered = "objection.registered";
    public const string ObjectionWithdrawn = "objection.withdrawn";
    public const string RestrictionSet = "restriction.set";
    public const string RestrictionLifted = "restriction.lifted";
    public const string PersonalDataRead = "personal-data.read";
    public const string PersonalDataExported = "personal-data.exported";
    public const string RequestReceived = "request.received";
    public const string ErasureHeld = "erasure.held";
    public const string ErasureAwaitingConfirmation = "erasure.awaiting-confirmation";
    public const string MembershipErased = "membership.erased";
    /// <summary>An erasure request found the person in none of the registers it concerned: no personal data was held there, nothing was erased.</summary>
    public const string ErasureNothingToErase = "erasure.nothing-to-erase";
    public const string ReceiptIssued = "request.receipt-issued";
    public const string SubjectErased = "subject.erased";
    public const string RetentionExpired = "retention.expired";
    public const string RetentionAwaitingConfirmation = "retention.awaiting-confirmation";
}
