using Microsoft.AspNetCore.Http.HttpResults;
using PrivacyLedger.Gateway.Cluster;
using PrivacyLedger.Gateway.Health;

namespace PrivacyLedger.Gateway.Apis;

internal static class HealthApi
{
    /// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: and it should be sent work. Neither needs a key.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new HealthStatus("healthy"))).ExcludeFromDescription();
        app.MapGet("/readyz", ReadyAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>>> ReadyAsync(
        GatewayReadiness readiness, NodeDrain drain, CancellationToken cancellationToken)
    {
        var report = await readiness.CheckAsync(cancellationToken);
        if (report.IsReady)
        {
            // Someone routes by this answer (a load balancer): a stop waits for it to see the node go.
            drain.ReadyAnswered();
        }
        return report.IsReady
            ? TypedResults.Ok(new HealthStatus(report.Status))
            : TypedResults.Json(new HealthStatus(report.Status), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

internal sealed record HealthStatus(string Status);
