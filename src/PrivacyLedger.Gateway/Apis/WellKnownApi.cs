using Microsoft.AspNetCore.Http.HttpResults;
using PrivacyLedger.Jose;
using PrivacyLedger.Ledger.Receipts;

namespace PrivacyLedger.Gateway.Apis;

internal static class WellKnownApi
{
    public const string JwksPath = "/.well-known/privacy-ledger/jwks.json";

    /// <summary>
    /// The public keys that verify receipts, as a JWK Set (RFC 7517), every configured version so receipts signed
    /// before a rotation still verify. No key needed: a person or an auditor checks a receipt with it.
    /// </summary>
    public static IEndpointRouteBuilder MapWellKnownApi(this IEndpointRouteBuilder app)
    {
        // JsonHttpResult does not describe itself in the OpenAPI document: say what the answer is.
        app.MapGet(JwksPath, GetJwks).WithTags("Receipts").Produces<JsonWebKeySet>(contentType: "application/jwk-set+json");
        return app;
    }

    private static JsonHttpResult<JsonWebKeySet> GetJwks(ReceiptKeys keys, HttpResponse response)
    {
        // Keys change only with a rotation, which keeps the old ones published: caching for an hour loses nothing.
        response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Json(keys.Published, contentType: "application/jwk-set+json");
    }
}
