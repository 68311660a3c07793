using Grpc.Core;
using PrivacyLedger.Gateway.Grpc.Mapping;
using PrivacyLedger.Gateway.Operations;
using PrivacyLedger.Grpc.V1;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Campaigns;
using static PrivacyLedger.Gateway.Grpc.Services.RequestProtoValues;
using CampaignService = PrivacyLedger.Grpc.V1.CampaignService;

namespace PrivacyLedger.Gateway.Grpc.Services;

/// <summary>
/// <c>privacy_ledger.v1.CampaignService</c>: the HTTP routes under <c>/v1/campaigns</c> over gRPC through the same
/// <see cref="CampaignOperations"/>, and a campaign's progress as a stream.
/// </summary>
internal sealed class CampaignGrpcService(CampaignOperations campaigns, GrpcBodies bodies) : CampaignService.CampaignServiceBase
{
    /// <summary>
    /// How often a progress stream looks at its campaign: four times a second is live enough to watch, and a read-only
    /// call to one grain that often costs the silo nothing worth counting, however many watch.
    /// </summary>
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    public override async Task<StartCampaignResponse> StartCampaign(StartCampaignRequest request, ServerCallContext context) =>
        new() { Campaign = (await campaigns.StartAsync(bodies.Checked(request.ToBody()), Caller(context))).ToProto() };

    public override async Task<GetCampaignResponse> GetCampaign(GetCampaignRequest request, ServerCallContext context) =>
        new() { Campaign = (await ExistingAsync(CampaignId(request.CampaignId))).ToProto() };

    public override async Task<PauseCampaignResponse> PauseCampaign(PauseCampaignRequest request, ServerCallContext context) =>
        new() { Campaign = (await campaigns.PauseAsync(CampaignId(request.CampaignId), Caller(context))).ToProto() };

    public override async Task<ResumeCampaignResponse> ResumeCampaign(ResumeCampaignRequest request, ServerCallContext context) =>
        new() { Campaign = (await campaigns.ResumeAsync(CampaignId(request.CampaignId), Caller(context))).ToProto() };

    public override async Task<CancelCampaignResponse> CancelCampaign(CancelCampaignRequest request, ServerCallContext context) =>
        new() { Campaign = (await campaigns.CancelAsync(CampaignId(request.CampaignId), Caller(context))).ToProto() };

    /// <summary>
    /// The state at once, then each change, until the campaign has ended. The caller's cancellation or deadline ends
    /// the wait between looks (answered CANCELLED or DEADLINE_EXCEEDED by the server); the campaign is not touched.
    /// </summary>
    public override async Task WatchCampaignProgress(WatchCampaignProgressRequest request, IServerStreamWriter<WatchCampaignProgressResponse> responseStream, ServerCallContext context)
    {
        var campaignId = CampaignId(request.CampaignId);
        var cancellationToken = context.CancellationToken;
        using var looks = new PeriodicTimer(ProgressInterval);
        Campaign? sent = null;
        while (true)
        {
            var view = await ExistingAsync(campaignId);
            var progress = view.ToProto();
            if (!progress.Equals(sent))
            {
                await responseStream.WriteAsync(new WatchCampaignProgressResponse { Campaign = progress }, cancellationToken);
                sent = progress;
            }
            if (CampaignOperations.HasEnded(view.Status))
            {
                return;
            }
            await looks.WaitForNextTickAsync(cancellationToken);
        }
    }

    private async Task<CampaignView> ExistingAsync(string campaignId) =>
        await campaigns.GetAsync(campaignId) ?? throw new LedgerNotFoundException($"Campaign '{campaignId}'");

    private static string CampaignId(string campaignId) => ProtoValues.Id(campaignId, "campaignId");
}
