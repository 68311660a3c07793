using Orleans;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Campaigns;

namespace PrivacyLedger.Gateway.Operations;

/// <summary>
/// What the gateway does with a campaign, whichever protocol asked (HTTP/JSON in <c>CampaignsApi</c>, gRPC in
/// <c>CampaignService</c>), so both start, read and change campaigns by the same rules.
/// </summary>
internal sealed class CampaignOperations(IGrainFactory grains, [FromKeyedServices(LedgerClock.Key)] TimeProvider timeProvider)
{
    private ICampaignGrain Campaign(string campaignId) => grains.GetGrain<ICampaignGrain>(campaignId);

    /// <summary>
    /// A dry run unless the body says <c>dryRun: false</c>: a purge is never started by leaving a field out. The
    /// answer is the new campaign's state, whose <c>DryRun</c> says which it is.
    /// </summary>
    public Task<CampaignView> StartAsync(StartCampaignBody body, Actor actor)
    {
        var kind = body.Kind ?? throw new LedgerValidationException("kind", "kind is required: erasure or register-purge.");
        var campaignId = Guid.CreateVersion7(timeProvider.GetUtcNow()).ToString("N");
        var campaign = new NewCampaign(kind, string.IsNullOrEmpty(body.RegisterId) ? null : body.RegisterId, body.Selector ?? new CampaignSelector(), body.DryRun ?? true, body.MaxPerSecond);
        return Campaign(campaignId).StartAsync(campaign, actor);
    }

    public Task<CampaignView?> GetAsync(string campaignId) => Campaign(campaignId).GetAsync();

    public Task<CampaignView> PauseAsync(string campaignId, Actor actor) => Campaign(campaignId).PauseAsync(actor);

    public Task<CampaignView> ResumeAsync(string campaignId, Actor actor) => Campaign(campaignId).ResumeAsync(actor);

    public Task<CampaignView> CancelAsync(string campaignId, Actor actor) => Campaign(campaignId).CancelAsync(actor);

    /// <summary>Whether a campaign in <paramref name="status"/> has ended: nothing will change it any more.</summary>
    public static bool HasEnded(CampaignStatus status) => status is CampaignStatus.Completed or CampaignStatus.Cancelled or CampaignStatus.Failed;
}
