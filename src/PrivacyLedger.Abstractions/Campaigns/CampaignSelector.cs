using System.ComponentModel.DataAnnotations;
using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Campaigns;

/// <summary>Who a campaign is about: a list of subject ids (inline or uploaded), or a register's members inactive since a date or whose retention has run out.</summary>
[GenerateSerializer, Immutable, Alias("campaign-selector")]
public sealed record CampaignSelector
{
    [Id(0)] public DateTimeOffset? InactiveSince { get; init; }
    [Id(1)] public bool RetentionExpired { get; init; }
    [Id(2), MaxLength(FieldLimits.InlineSubjects)] public List<string>? SubjectIds { get; init; }
    /// <summary>An upload (<c>POST /v1/campaigns/uploads</c>) holding the list, for lists too long for a request body.</summary>
    [Id(3), StringLength(FieldLimits.Id)] public string? SubjectIdsUpload { get; init; }
}
