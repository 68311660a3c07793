using Microsoft.Extensions.DependencyInjection;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Gateway.Errors;
using PrivacyLedger.Gateway.Operations;
using PrivacyLedger.Gateway.Security;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Requests;
using PrivacyLedger.Ledger.Subjects;
using Orleans;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Gateway.Apis;

internal static class RequestsApi
{
    private const int DefaultPageSize = RightsRequestOperations.DefaultPageSize;
    private const int MaxPageSize = RightsRequestOperations.MaxPageSize;

    public static IEndpointRouteBuilder MapRequestsApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/requests").WithTags("Rights requests");
        api.MapPost("/", CreateAsync);
        api.MapGet("/", ListAsync);
        api.MapGet("/{requestId}", GetAsync);
        api.MapPost("/{requestId}/verification", VerifyAsync);
        api.MapPost("/{requestId}/extension", ExtendAsync);
        api.MapPost("/{requestId}/refusal", RefuseAsync);
        api.MapPost("/{requestId}/cancellation", CancelAsync);
        api.MapGet("/{requestId}/export", ExportAsync);
        api.MapGet("/{requestId}/receipt", ReceiptAsync).Produces<string>(StatusCodes.Status200OK, "application/jose");
        api.MapPost("/{requestId}/tasks/{registerId}/confirmation", ConfirmAsync);
        return app;
    }

    private static IRightsRequestGrain Request(this IGrainFactory grains, string requestId) => grains.GetGrain<IRightsRequestGrain>(requestId);

    /// <summary>The receipt as a compact JWS (RFC 7515 §9.2.1 media type), ready to save and check with <c>privacy-ledger receipt verify</c>.</summary>
    private static async Task<ContentHttpResult> ReceiptAsync(string requestId, IGrainFactory grains) =>
        TypedResults.Text(await grains.Request(requestId).GetReceiptAsync(), "application/jose");

    private static async Task<Created<CreatedRequest>> CreateAsync(CreateRequestBody body, RightsRequestOperations requests, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var view = await requests.CreateAsync(body, user.ToActor(), cancellationToken);
        return TypedResults.Created($"/v1/requests/{view.RequestId}", new CreatedRequest(view.RequestId, view.Status, view.DueAt));
    }

    private static async Task<Results<Ok<RequestQueuePage>, ValidationProblem>> ListAsync(string? status, DateTimeOffset? dueBefore, bool? overdue,
        string? after, [System.ComponentModel.DataAnnotations.Range(1, MaxPageSize)] int? limit, RequestQueue queue, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            return Problems.Invalid("limit", WireTypes.WholeNumberBetween("limit", 1, MaxPageSize));
        }
        if (!WireEnum.TryParse<RequestStatus>(status, out var wanted))
        {
            return Problems.Invalid("status", WireEnum.NotOneOf<RequestStatus>("status"));
        }
        QueryText.Checked(after, "after", FieldLimits.Cursor);
        return TypedResults.Ok(await queue.ListAsync(wanted, dueBefore, overdue ?? false, after, limit ?? DefaultPageSize, cancellationToken));
    }

    private static async Task<Results<Ok<RequestView>, NotFound>> GetAsync(string requestId, RightsRequestOperations requests) =>
        await requests.GetAsync(requestId) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Ok<RequestView>> VerifyAsync(string requestId, VerificationBody body, RightsRequestOperations requests, ClaimsPrincipal user) =>
        TypedResults.Ok(await requests.VerifyAsync(requestId, body, user.ToActor()));

    private static async Task<Ok<RequestView>> ExtendAsync(string requestId, ExtensionBody body, RightsRequestOperations requests, ClaimsPrincipal user) =>
        TypedResults.Ok(await requests.ExtendAsync(requestId, body, user.ToActor()));

    private static async Task<Ok<RequestView>> RefuseAsync(string requestId, RefusalBody body, RightsRequestOperations requests, ClaimsPrincipal user) =>
        TypedResults.Ok(await requests.RefuseAsync(requestId, body, user.ToActor()));

    private static async Task<Ok<RequestView>> CancelAsync(string requestId, CancellationBody body, RightsRequestOperations requests, ClaimsPrincipal user) =>
        TypedResults.Ok(await requests.CancelAsync(requestId, body, user.ToActor()));

    private static async Task<Ok<JsonObject>> ExportAsync(string requestId, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await grains.Request(requestId).ExportAsync(user.ToActor()));

    private static async Task<Ok<RequestView>> ConfirmAsync(string requestId, string registerId, ConfirmationBody body, RightsRequestOperations requests, ClaimsPrincipal user) =>
        TypedResults.Ok(await requests.ConfirmTaskAsync(requestId, registerId, body, user.ToActor()));
}
