using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Ledger.Campaigns;
using PrivacyLedger.Gateway.Grpc.Mapping;
using static PrivacyLedger.Gateway.Grpc.Services.RequestProtoValues;
using V1 = PrivacyLedger.Grpc.V1;

namespace PrivacyLedger.Gateway.Grpc.Services;

/// <summary>The campaign messages as the HTTP body <see cref="Operations.CampaignOperations"/> takes, and its answers as messages.</summary>
internal static class CampaignMessages
{
    /// <summary><c>dry_run</c> left out stays null, which the operations take as a dry run, as over HTTP.</summary>
    public static StartCampaignBody ToBody(this V1.StartCampaignRequest request) => new(
        DomainEnum<V1.CampaignKind, CampaignKind>(request.Kind, "kind"),
        request.HasRegisterId ? request.RegisterId : null,
        request.Selector?.ToDomain(),
        request.HasDryRun ? request.DryRun : null,
        request.HasMaxPerSecond ? request.MaxPerSecond : null);

    private static CampaignSelector ToDomain(this V1.CampaignSelector selector) => new()
    {
        InactiveSince = Time(selector.InactiveSince, "selector.inactiveSince"),
        RetentionExpired = selector.RetentionExpired,
        SubjectIds = selector.SubjectIds.Count == 0 ? null : [.. selector.SubjectIds],
        SubjectIdsUpload = selector.HasSubjectIdsUpload ? selector.SubjectIdsUpload : null,
    };

    public static V1.Campaign ToProto(this CampaignView view)
    {
        var campaign = new V1.Campaign
        {
            CampaignId = view.CampaignId,
            Kind = ProtoEnum<CampaignKind, V1.CampaignKind>(view.Kind),
            Status = ProtoEnum<CampaignStatus, V1.CampaignStatus>(view.Status),
            DryRun = view.DryRun,
            Selecting = view.Selecting,
            Total = view.Total,
            Processed = view.Processed,
            Erased = view.Erased,
            Held = view.Held,
            Failed = view.Failed,
            Skipped = view.Skipped,
            RatePerSecond = view.RatePerSecond,
            Sample = { view.Sample },
            CreatedAt = view.CreatedAt.ToTimestamp(),
            CompletedAt = view.CompletedAt.ToTimestamp(),
        };
        if (view.RegisterId is { } registerId)
        {
            campaign.RegisterId = registerId;
        }
        if (view.EtaSeconds is { } eta)
        {
            campaign.EtaSeconds = eta;
        }
        if (view.MaxPerSecond is { } max)
        {
            campaign.MaxPerSecond = max;
        }
        return campaign;
    }
}
