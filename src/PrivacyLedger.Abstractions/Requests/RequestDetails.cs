using System.ComponentModel.DataAnnotations;
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
    [Id(1), StringLength(FieldLimits.Source)] public string? Source { get; init; }
    [Id(2), StringLength(FieldLimits.Word)] public string? Scope { get; init; }
    [Id(3), MaxLength(FieldLimits.Channels)] public List<string>? Channels { get; init; }
    /// <summary>The consent withdrawn; none: every consent.</summary>
    [Id(4), StringLength(FieldLimits.Id)] public string? PurposeId { get; init; }
    [Id(5), StringLength(FieldLimits.Text), DataType(DataType.MultilineText)] public string? Reason { get; init; }
}
