using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Jose;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Receipts;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Requests;

namespace PrivacyLedger.Gateway.Apis;

internal static class DiscoveryApi
{
    /// <summary><c>GET /v1/discovery</c>: request types, identifier kinds, registers, deadlines, the receipt keys' location. No key needed.</summary>
    public static IEndpointRouteBuilder MapDiscoveryApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/discovery", GetAsync).WithTags("Discovery");
        return app;
    }

    private static async Task<Ok<DiscoveryDocument>> GetAsync(RegisterCatalog catalog, IConfiguration configuration, HttpRequest request)
    {
        var registers = await catalog.ListAsync();
        return TypedResults.Ok(new DiscoveryDocument(
            "v1",
            WireNames<RequestType>(),
            WireNames<RequestChannel>(),
            WireNames<VerificationMethod>(),
            IdentifierKinds.WireNames,
            [.. registers.Select(stored => new DiscoveredRegister(stored.Definition.Id, stored.Definition.Name)).OrderBy(r => r.Id, StringComparer.Ordinal)],
            new DeadlineRules(1, Deadlines.MaxExtensionMonths, 1, "GDPR Art. 12(3)"),
            new ReceiptDiscovery($"{request.Scheme}://{request.Host}{request.PathBase}{WellKnownApi.JwksPath}", CompactJws.Algorithm, RequestReceipt.JwsType,
                [.. Enum.GetValues<RequestStatus>().Where(ReceiptBuilder.IsReceiptStatus).Select(Wire)]),
            configuration["Grpc:Url"] is { Length: > 0 } grpc ? new GrpcDiscovery(grpc) : null));
    }

    private static List<string> WireNames<T>() where T : struct, Enum => [.. Enum.GetValues<T>().Select(Wire)];

    private static string Wire<T>(T value) where T : struct, Enum => JsonSerializer.Serialize(value, LedgerJson.Options).Trim('"');
}
