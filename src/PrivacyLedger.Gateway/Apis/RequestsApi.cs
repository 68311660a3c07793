using Microsoft.Extensions.DependencyInjection;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Gateway.Errors;
using PrivacyLedger.Gateway.Security;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Requests;
using PrivacyLedger.Ledger.Subjects;
using Orleans;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Gateway.Apis;

internal static class RequestsApi
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

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

    private static async Task<Created<CreatedRequest>> CreateAsync(CreateRequestBody body, IGrainFactory grains, SubjectDirectory subjects,
        [FromKeyedServices(LedgerClock.Key)] TimeProvider timeProvider, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var type = body.Type ?? throw new LedgerValidationException("type", "type is required: access, portability, rectification, erasure, restriction, objection or consent-withdrawal.");
        var channel = body.Channel ?? throw new LedgerValidationException("channel", "channel is required: email, letter, web, phone or in-person.");
        var subjectId = await ResolveSubjectAsync(body.Subject, subjects, cancellationToken);
        var requestId = Guid.CreateVersion7(timeProvider.GetUtcNow()).ToString("N");
        var view = await grains.Request(requestId).CreateAsync(new NewRequest(type, subjectId, body.Registers, body.ReceivedAt, channel, body.Details), user.ToActor());
        return TypedResults.Created($"/v1/requests/{requestId}", new CreatedRequest(view.RequestId, view.Status, view.DueAt));
    }

    /// <summary>
    /// The one person the request names. Identifiers alone are a search: those found must all be one person's (unknown
    /// ones are passed over). A subjectId with identifiers says they are that person's: an identifier held by anyone
    /// else, or by nobody, contradicts it and is refused (409) in the same words either way, so the answer discloses
    /// no one's data, not even whether the identifier is known.
    /// </summary>
    private static async Task<string> ResolveSubjectAsync(RequestSubjectDto? subject, SubjectDirectory subjects, CancellationToken cancellationToken)
    {
        var subjectId = string.IsNullOrWhiteSpace(subject?.SubjectId) ? null : subject.SubjectId;
        var identifiers = subject?.Identifiers ?? [];
        if (subjectId is null && identifiers.Count == 0)
        {
            throw new LedgerValidationException("subject", "Name the subject by subjectId or by identifiers.");
        }
        string? found = null;
        var foundAt = -1;
        for (var i = 0; i < identifiers.Count; i++)
        {
            var field = $"subject.identifiers[{i}]";
            var given = identifiers[i] ?? throw new LedgerValidationException(field, $"{field} is required: an identifier with its kind and value.");
            var owner = await subjects.FindAsync(RequestValidation.ParseIdentifier(given.Kind, given.Value, field), cancellationToken);
            if (subjectId is not null)
            {
                if (owner != subjectId)
                {
                    throw new LedgerConflictException($"subject.subjectId and {field} do not name the same person; nothing was recorded.");
                }
                continue;
            }
            if (owner is null || owner == found)
            {
                continue;
            }
            if (found is not null)
            {
                throw new LedgerConflictException($"subject.identifiers[{foundAt}] and {field} name different people; nothing was recorded.");
            }
            (found, foundAt) = (owner, i);
        }
        return subjectId ?? found ?? throw new LedgerNotFoundException("A subject with those identifiers");
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

    private static async Task<Results<Ok<RequestView>, NotFound>> GetAsync(string requestId, IGrainFactory grains) =>
        await grains.Request(requestId).GetAsync() is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Ok<RequestView>> VerifyAsync(string requestId, VerificationBody body, IGrainFactory grains, ClaimsPrincipal user)
    {
        var method = body.Method ?? throw new LedgerValidationException("method", "method is required: photo-id, strong-electronic-identification, signed-letter or in-person.");
        return TypedResults.Ok(await grains.Request(requestId).VerifyAsync(method, RequestValidation.Required(body.VerifiedBy, "verifiedBy"), user.ToActor()));
    }

    private static async Task<Ok<RequestView>> ExtendAsync(string requestId, ExtensionBody body, IGrainFactory grains, ClaimsPrincipal user)
    {
        var months = body.Months ?? throw new LedgerValidationException("months", "months is required (1 or 2).");
        return TypedResults.Ok(await grains.Request(requestId).ExtendAsync(months, RequestValidation.Required(body.Reason, "reason"), user.ToActor()));
    }

    private static async Task<Ok<RequestView>> RefuseAsync(string requestId, RefusalBody body, IGrainFactory grains, ClaimsPrincipal user)
    {
        var reason = body.Reason ?? throw new LedgerValidationException("reason", "reason is required: manifestly-unfounded, excessive, identity-not-verified or legal-exception.");
        return TypedResults.Ok(await grains.Request(requestId).RefuseAsync(reason, RequestValidation.Required(body.Explanation, "explanation"), user.ToActor()));
    }

    private static async Task<Ok<RequestView>> CancelAsync(string requestId, CancellationBody body, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await grains.Request(requestId).CancelAsync(RequestValidation.Required(body.Reason, "reason"), user.ToActor()));

    private static async Task<Ok<JsonObject>> ExportAsync(string requestId, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await grains.Request(requestId).ExportAsync(user.ToActor()));

    private static async Task<Ok<RequestView>> ConfirmAsync(string requestId, string registerId, ConfirmationBody body, IGrainFactory grains, ClaimsPrincipal user)
    {
        var actor = user.ToActor();
        var view = await grains.Request(requestId).ConfirmTaskAsync(registerId, body.ConfirmedBy ?? actor.ToString(),
            RequestValidation.Required(body.Evidence, "evidence"), actor);
        return TypedResults.Ok(view);
    }
}
