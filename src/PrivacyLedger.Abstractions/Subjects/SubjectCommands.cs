using PrivacyLedger.Ledger.Identity;
using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>Enrolment of a person into a register; identifiers already normalised.</summary>
[GenerateSerializer, Immutable, Alias("enrolment")]
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
    [Id(7)] public bool DirectMarketingSuppressed { get; init; }
}

[GenerateSerializer, Immutable, Alias("category-collection")]
public sealed record CategoryCollection(string Id, DateTimeOffset? CollectedAt);

[GenerateSerializer, Immutable, Alias("enrolment-outcome")]
public sealed record EnrolmentOutcome(string SubjectId, bool Created);

[GenerateSerializer, Immutable, Alias("consent-change")]
public sealed record ConsentChange(IReadOnlyList<string> Channels, string Source, string? Evidence);

[GenerateSerializer, Immutable, Alias("objection-change")]
public sealed record ObjectionChange(IReadOnlyList<string> Channels, string Source, string? Evidence);

[GenerateSerializer, Immutable, Alias("permission-query")]
public sealed record PermissionQuery(string Purpose, string Channel, string? RegisterId);

[GenerateSerializer, Immutable, Alias("permission-decision")]
public sealed record PermissionDecision(bool Allowed, IReadOnlyList<string> Reasons);

/// <summary>A subject as the API shows it: the identity code masked (R10), special categories flagged.</summary>
[GenerateSerializer, Immutable, Alias("subject-view")]
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

[GenerateSerializer, Immutable, Alias("identifier-view")]
public sealed record IdentifierView(string Kind, string Value, bool Masked);

[GenerateSerializer, Immutable, Alias("membership-view")]
public sealed record MembershipView(string RegisterId, string? ExternalId, DateTimeOffset Since, DateTimeOffset? LastActivityAt, string? Source, IReadOnlyList<CategoryView> Categories);

[GenerateSerializer, Immutable, Alias("category-view")]
public sealed record CategoryView(string Id, DateTimeOffset CollectedAt, bool Special);

[GenerateSerializer, Immutable, Alias("consent-view")]
public sealed record ConsentView(string PurposeId, IReadOnlyList<string> Channels, string Source, string? Evidence, DateTimeOffset GrantedAt);

[GenerateSerializer, Immutable, Alias("objection-view")]
public sealed record ObjectionView(string Scope, IReadOnlyList<string> Channels, string Source, string? Evidence, DateTimeOffset At);

[GenerateSerializer, Immutable, Alias("restriction-view")]
public sealed record RestrictionView(string RegisterId, string Reason, DateTimeOffset At);

/// <summary>A page of the ledger with personal data decrypted where the subject's key still exists.</summary>
[GenerateSerializer, Immutable, Alias("ledger-page")]
public sealed record LedgerPage(IReadOnlyList<LedgerEntryView> Items, long? Next);

[GenerateSerializer, Immutable, Alias("ledger-entry-view")]
public sealed record LedgerEntryView(long Seq, DateTimeOffset At, string Type, string Actor, string? RegisterId, string? RequestId,
    System.Text.Json.JsonElement? Data, string PrevHash, string Hash);
