using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivacyLedger.Gateway.Security;
using PrivacyLedger.Ledger.Erasures;

namespace PrivacyLedger.Gateway.Apis;

internal static class ErasuresApi
{
    public static IEndpointRouteBuilder MapErasuresApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1/erasures").WithTags("Erasures")
            .MapPost("/reconcile", ReconcileAsync);
        return app;
    }

    /// <summary>
    /// Checks every erasure in this node's journal against storage and shreds again those whose data key is live (a
    /// restored backup). A dry run, which only reports, unless the body says <c>"dryRun": false</c>.
    /// </summary>
    private static async Task<Ok<ErasureReconciliation>> ReconcileAsync(ReconcileBody? body, ErasureReconciler reconciler, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reconciler.ReconcileAsync(body?.DryRun ?? true, user.ToActor(), cancellationToken));

    internal sealed record ReconcileBody(bool? DryRun);
}
