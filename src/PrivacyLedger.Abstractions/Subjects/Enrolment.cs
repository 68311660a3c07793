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
