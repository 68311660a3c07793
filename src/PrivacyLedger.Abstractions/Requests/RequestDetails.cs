using PrivacyLedger.Ledger.Subjects;
using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Requests;

/// <summary>What a request asks beyond its type: the rectified contact data, the objection's scope, the consent withdrawn, the restriction's reason.</summary>
[GenerateSerializer, Immutable, Alias("request-details")]
public sealed record RequestDetails
{
    [Id(0)] public ContactData? Contact { get; init; }
    /// <summary>Where a rectification comes from, e.g. <c>population-register</c> (R9).</summary>
    [Id(1)] public string? Source { get; init; }
    [Id(2)] public string? Scope { get; init; }
    [Id(3)] public List<string>? Channels { get; init; }
    /// <summary>The consent withdrawn; none: every consent.</summary>
    [Id(4)] public string? PurposeId { get; init; }
    [Id(5)] public string? Reason { get; init; }
}
