using PrivacyLedger.Ledger.Identity;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>Enrolment of a person into a register; identifiers already normalised.</summary>
public sealed record Enrolment(
    string RegisterId,
    IReadOnlyList<SubjectIdentifier> Identifiers,
    string? ExternalId,
    ContactData Contact,
    IReadOnlyList<CategoryCollection> Categories,
    string? Source,
    DateTimeOffset? LastActivityAt)
{
    /// <summary>Set by the directory when an identifier is on the suppression list of an erased person.</summary>
    public bool DirectMarketingSuppressed { get; init; }
}

public sealed record CategoryCollection(string Id, DateTimeOffset? CollectedAt);

public sealed record EnrolmentOutcome(string SubjectId, bool Created);

public sealed record ConsentChange(IReadOnlyList<string> Channels, string Source, string? Evidence);

public sealed record ObjectionChange(IReadOnlyList<string> Channels, string Source, string? Evidence);

public sealed record PermissionQuery(string Purpose, string Channel, string? RegisterId);

public sealed record PermissionDecision(bool Allowed, IReadOnlyList<string> Reasons);

/// <summary>A subject as the API shows it: the identity code masked (R10), special categories flagged.</summary>
public sealed record SubjectView(
    string SubjectId,
    DateTimeOffset CreatedAt,
    IReadOnlyList<IdentifierView> Identifiers,
    ContactData Contact,
    IReadOnlyList<MembershipView> Memberships,
    IReadOnlyList<ConsentView> Consents,
    IReadOnlyList<ObjectionView> Objections,
    IReadOnlyList<RestrictionView> Restrictions,
    IReadOnlyList<string> RequestIds);

public sealed record IdentifierView(string Kind, string Value, bool Masked);

public sealed record MembershipView(string RegisterId, string? ExternalId, DateTimeOffset Since, DateTimeOffset? LastActivityAt, string? Source, IReadOnlyList<CategoryView> Categories);

public sealed record CategoryView(string Id, DateTimeOffset CollectedAt, bool Special);

public sealed record ConsentView(string PurposeId, IReadOnlyList<string> Channels, string Source, string? Evidence, DateTimeOffset GrantedAt);

public sealed record ObjectionView(string Scope, IReadOnlyList<string> Channels, string Source, string? Evidence, DateTimeOffset At);

public sealed record RestrictionView(string RegisterId, string Reason, DateTimeOffset At);

/// <summary>A page of the ledger with personal data decrypted where the subject's key still exists.</summary>
public sealed record LedgerPage(IReadOnlyList<LedgerEntryView> Items, long? Next);

public sealed record LedgerEntryView(long Seq, DateTimeOffset At, string Type, string Actor, string? RegisterId, string? RequestId,
    System.Text.Json.JsonElement? Data, string PrevHash, string Hash);
