using Microsoft.Extensions.DependencyInjection;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Gateway.Errors;
using PrivacyLedger.Gateway.Security;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Campaigns;
using Orleans;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Gateway.Apis;

internal static class CampaignsApi
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1_000;
    private const int MaxUploadIds = 1_000_000;
    private const long MaxUploadBytes = 64L * 1024 * 1024;
    private const int UploadChunk = 5_000;

    public static IEndpointRouteBuilder MapCampaignsApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/campaigns").WithTags("Campaigns");
        api.MapPost("/", StartAsync);
        api.MapGet("/", ListAsync);
        api.MapPost("/uploads", UploadAsync).WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes)).Accepts<string>("text/plain");
        api.MapGet("/{campaignId}", GetAsync);
        api.MapPost("/{campaignId}/pause", (string campaignId, IGrainFactory grains, ClaimsPrincipal user) => ChangeAsync(grains, campaignId, c => c.PauseAsync(user.ToActor())));
        api.MapPost("/{campaignId}/resume", (string campaignId, IGrainFactory grains, ClaimsPrincipal user) => ChangeAsync(grains, campaignId, c => c.ResumeAsync(user.ToActor())));
        api.MapPost("/{campaignId}/cancel", (string campaignId, IGrainFactory grains, ClaimsPrincipal user) => ChangeAsync(grains, campaignId, c => c.CancelAsync(user.ToActor())));
        api.MapGet("/{campaignId}/items", ListItemsAsync);
        return app;
    }

    /// <summary>
    /// A dry run unless the body says <c>"dryRun": false</c>: a purge is never started by leaving a field out. The
    /// answer is the new campaign's state, whose <c>dryRun</c> says which it is.
    /// </summary>
    private static async Task<Created<CampaignView>> StartAsync(StartCampaignBody body, IGrainFactory grains, [FromKeyedServices(LedgerClock.Key)] TimeProvider timeProvider, ClaimsPrincipal user)
    {
        var kind = body.Kind ?? throw new LedgerValidationException("kind", "kind is required: erasure or register-purge.");
        var campaignId = Guid.CreateVersion7(timeProvider.GetUtcNow()).ToString("N");
        var campaign = new NewCampaign(kind, string.IsNullOrEmpty(body.RegisterId) ? null : body.RegisterId, body.Selector ?? new CampaignSelector(), body.DryRun ?? true, body.MaxPerSecond);
        var view = await grains.GetGrain<ICampaignGrain>(campaignId).StartAsync(campaign, user.ToActor());
        return TypedResults.Created($"/v1/campaigns/{campaignId}", view);
    }

    /// <summary>A subject list too long for a JSON body: one id per line, text/plain, up to 1,000,000 ids.</summary>
    private static async Task<Results<Created<CampaignUpload>, ValidationProblem>> UploadAsync(HttpRequest request, IGrainFactory grains, [FromKeyedServices(LedgerClock.Key)] TimeProvider timeProvider)
    {
        if (request.ContentType is not { } type || !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadHttpRequestException("Send the list as text/plain.", StatusCodes.Status415UnsupportedMediaType);
        }
        var uploadId = Guid.CreateVersion7(timeProvider.GetUtcNow()).ToString("N");
        var upload = grains.GetGrain<ICampaignUploadGrain>(uploadId);
        using var reader = new StreamReader(request.Body);
        var chunk = new List<string>(UploadChunk);
        var lineNumber = 0;
        long count = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            lineNumber++;
            var id = line.Trim();
            if (id.Length == 0)
            {
                continue;
            }
            if (id.Length > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return Problems.Invalid($"line {lineNumber}", "A subject id is up to 64 letters, digits, '-' or '_'.");
            }
            if (++count > MaxUploadIds)
            {
                return Problems.Invalid("body", $"At most {MaxUploadIds} subject ids per upload.");
            }
            chunk.Add(id);
            if (chunk.Count == UploadChunk)
            {
                await upload.AppendAsync(chunk);
                chunk.Clear();
            }
        }
        var total = chunk.Count > 0 || count == 0 ? await upload.AppendAsync(chunk) : await upload.CountAsync();
        return TypedResults.Created($"/v1/campaigns/uploads/{uploadId}", new CampaignUpload(uploadId, total));
    }

    private static async Task<Results<Ok<CampaignView>, NotFound>> GetAsync(string campaignId, IGrainFactory grains) =>
        await grains.GetGrain<ICampaignGrain>(campaignId).GetAsync() is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Ok<CampaignView>> ChangeAsync(IGrainFactory grains, string campaignId, Func<ICampaignGrain, Task<CampaignView>> change) =>
        TypedResults.Ok(await change(grains.GetGrain<ICampaignGrain>(campaignId)));

    /// <summary>Campaigns newest first, optionally of one status, keyset-paged by campaign id (the directory kept by the campaigns).</summary>
    private static async Task<Results<Ok<CampaignPage>, ValidationProblem>> ListAsync(
        string? status, string? after, [System.ComponentModel.DataAnnotations.Range(1, MaxPageSize)] int? limit, CampaignDirectory directory, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            return Problems.Invalid("limit", WireTypes.WholeNumberBetween("limit", 1, MaxPageSize));
        }
        if (!WireEnum.TryParse<CampaignStatus>(status, out var wanted))
        {
            return Problems.Invalid("status", WireEnum.NotOneOf<CampaignStatus>("status"));
        }
        QueryText.Checked(after, "after", FieldLimits.Cursor);
        return TypedResults.Ok(await directory.ListAsync(wanted, after, limit ?? DefaultPageSize, cancellationToken));
    }

    private static async Task<Results<Ok<CampaignItemPage>, NotFound, ValidationProblem>> ListItemsAsync(
        string campaignId, string? status, string? after, [System.ComponentModel.DataAnnotations.Range(1, MaxPageSize)] int? limit, IGrainFactory grains, CampaignItems items, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            return Problems.Invalid("limit", WireTypes.WholeNumberBetween("limit", 1, MaxPageSize));
        }
        if (!WireEnum.TryParse<CampaignItemStatus>(status, out var wanted))
        {
            return Problems.Invalid("status", WireEnum.NotOneOf<CampaignItemStatus>("status"));
        }
        QueryText.Checked(after, "after", FieldLimits.Cursor);
        if (await grains.GetGrain<ICampaignGrain>(campaignId).GetAsync() is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await items.ListAsync(campaignId, wanted, after, limit ?? DefaultPageSize, cancellationToken));
    }
}
