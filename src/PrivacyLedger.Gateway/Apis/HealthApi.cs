using Microsoft.AspNetCore.Http.HttpResults;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Gateway.Apis;

internal static class HealthApi
{
    /// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: and its storage is reachable. Neither needs a key.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new HealthStatus("healthy"))).ExcludeFromDescription();
        app.MapGet("/readyz", ReadyAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>>> ReadyAsync(IStorageHealth storage, CancellationToken cancellationToken)
    {
        return await storage.IsReachableAsync(cancellationToken)
            ? TypedResults.Ok(new HealthStatus("ready"))
            : TypedResults.Json(new HealthStatus("storage unreachable"), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

internal sealed record HealthStatus(string Status);
