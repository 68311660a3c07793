using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;
using PrivacyLedger.Ledger.Crypto;

namespace PrivacyLedger.Gateway.Apis;

internal static class KeysApi
{
    /// <summary><c>GET /v1/keys/rotation</c>: how many data keys each master key version holds, and the re-wrap's progress. Counts only.</summary>
    public static IEndpointRouteBuilder MapKeysApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/keys/rotation", GetRotationAsync).WithTags("Keys");
        return app;
    }

    private static async Task<Ok<KeyRotationStatus>> GetRotationAsync(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IKeyRotationGrain>(KeyRotationGrain.ClusterKey).GetStatusAsync());
}
