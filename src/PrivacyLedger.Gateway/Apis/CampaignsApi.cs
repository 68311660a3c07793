using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Gateway.Errors;
using PrivacyLedger.Gateway.Security;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Campaigns;
using PrivacyLedger.Runtime;

namespace PrivacyLedger.Gateway.Apis;

internal static class CampaignsApi
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1_000;

    public static IEndpointRouteBuilder MapCampaignsApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/campaigns").WithTags("Campaigns").RequireAuthorization(Rights.RunCampaigns);
        api.MapPost("/", StartAsync);
        api.MapGet("/{campaignId}", GetAsync);
        api.MapPost("/{campaignId}/pause", (string campaignId, IGrainFactory grains, ClaimsPrincipal user) => ChangeAsync(grains, campaignId, c => c.PauseAsync(user.ToActor())));
        api.MapPost("/{campaignId}/resume", (string campaignId, IGrainFactory grains, ClaimsPrincipal user) => ChangeAsync(grains, campaignId, c => c.ResumeAsync(user.ToActor())));
        api.MapPost("/{campaignId}/cancel", (string campaignId, IGrainFactory grains, ClaimsPrincipal user) => ChangeAsync(grains, campaignId, c => c.CancelAsync(user.ToActor())));
        api.MapGet("/{campaignId}/items", ListItemsAsync);
        return app;
    }

    private static async Task<Created<CampaignCreated>> StartAsync(StartCampaignBody body, IGrainFactory grains, TimeProvider timeProvider, ClaimsPrincipal user)
    {
        var kind = body.Kind ?? throw new LedgerValidationException("kind", "kind is required: erasure or register-purge.");
        var campaignId = Guid.CreateVersion7(timeProvider.GetUtcNow()).ToString("N");
        var campaign = new NewCampaign(kind, string.IsNullOrEmpty(body.RegisterId) ? null : body.RegisterId, body.Selector ?? new CampaignSelector(), body.DryRun ?? false, body.MaxPerSecond);
        var view = await grains.GetGrain<ICampaignGrain>(campaignId).StartAsync(campaign, user.ToActor());
        return TypedResults.Created($"/v1/campaigns/{campaignId}", new CampaignCreated(view.CampaignId));
    }

    private static async Task<Results<Ok<CampaignView>, NotFound>> GetAsync(string campaignId, IGrainFactory grains) =>
        await grains.GetGrain<ICampaignGrain>(campaignId).GetAsync() is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Ok<CampaignView>> ChangeAsync(IGrainFactory grains, string campaignId, Func<ICampaignGrain, Task<CampaignView>> change) =>
        TypedResults.Ok(await change(grains.GetGrain<ICampaignGrain>(campaignId)));

    private static async Task<Results<Ok<CampaignItemPage>, NotFound, ValidationProblem>> ListItemsAsync(
        string campaignId, string? status, string? after, int? limit, IGrainFactory grains, CampaignItems items, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            return Problems.Invalid("limit", $"limit must be between 1 and {MaxPageSize}.");
        }
        if (!WireEnum.TryParse<CampaignItemStatus>(status, out var wanted))
        {
            return Problems.Invalid("status", "Item statuses are selected, erased, held, failed, skipped.");
        }
        if (await grains.GetGrain<ICampaignGrain>(campaignId).GetAsync() is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await items.ListAsync(campaignId, wanted, after, limit ?? DefaultPageSize, cancellationToken));
    }
}
