using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivacyLedger.Gateway.Security;
using PrivacyLedger.Ledger.Retention;
using Orleans;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Gateway.Apis;

internal static class RetentionApi
{
    public static IEndpointRouteBuilder MapRetentionApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1/retention").WithTags("Retention")
            .MapPost("/sweeps", SweepAsync);
        return app;
    }

    /// <summary>
    /// R5: runs the retention sweep now (the daily one runs by itself). A dry run, which reports without removing,
    /// unless the body says <c>"dryRun": false</c>: no body, no content type or no <c>dryRun</c> removes nothing.
    /// </summary>
    private static async Task<Ok<SweepReport>> SweepAsync(SweepBody? body, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await grains.GetGrain<IRetentionSweepGrain>(RetentionSweepGrain.DailyKey)
            .SweepNowAsync(string.IsNullOrEmpty(body?.RegisterId) ? null : body.RegisterId, body?.DryRun ?? true, user.ToActor()));

    internal sealed record SweepBody(bool? DryRun, string? RegisterId);
}
