using Microsoft.Extensions.DependencyInjection;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Gateway.Errors;
using PrivacyLedger.Gateway.Operations;
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
        api.MapPost("/{campaignId}/pause", async (string campaignId, CampaignOperations campaigns, ClaimsPrincipal user) => TypedResults.Ok(await campaigns.PauseAsync(campaignId, user.ToActor())));
        api.MapPost("/{campaignId}/resume", async (string campaignId, CampaignOperations campaigns, ClaimsPrincipal user) => TypedResults.Ok(await campaigns.ResumeAsync(campaignId, user.ToActor())));
        api.MapPost("/{campaignId}/cancel", async (string campaignId, CampaignOperations campaigns, ClaimsPrincipal user) => TypedResults.Ok(await campaigns.CancelAsync(campaignId, user.ToActor())));
        api.MapGet("/{campaignId}/items", ListItemsAsync);
        return app;
    }

    /// <summary>A dry run unless the body says <c>"dryRun": false</c> (<see cref="CampaignOperations.StartAsync"/>).</summary>
    private static async Task<Created<CampaignView>> StartAsync(StartCampaignBody body, CampaignOperations campaigns, ClaimsPrincipal user)
    {
        var view = await campaigns.StartAsync(body, user.ToActor());
        return TypedResults.Created($"/v1/campaigns/{view.CampaignId}", view);
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

    private static async Task<Results<Ok<CampaignView>, NotFound>> GetAsync(string campaignId, CampaignOperations campaigns) =>
        await campaigns.GetAsync(campaignId) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

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
