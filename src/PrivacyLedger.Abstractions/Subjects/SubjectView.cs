using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Subjects;

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
