using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PrivacyLedger.Gateway.OpenApi;

/// <summary>
/// Declares the error answers each operation really gives, problem+json all of them. Those that follow from
/// the operation's shape (a body: 400/413/415; the cluster behind every /v1 call: 429/503) are derived; those
/// that follow from what the handler and its grain refuse (404, 409, query validation) are listed per route.
/// </summary>
internal sealed class ErrorResponsesOperationTransformer : IOpenApiOperationTransformer
{
    private const int BadRequest = StatusCodes.Status400BadRequest;
    private const int NotFound = StatusCodes.Status404NotFound;
    private const int Conflict = StatusCodes.Status409Conflict;

    /// <summary>Route-specific errors, beyond those derived from the operation's shape.</summary>
    private static readonly Dictionary<string, int[]> ByRoute = new(StringComparer.Ordinal)
    {
        ["GET /v1/registers/{registerId}"] = [NotFound],
        ["PUT /v1/registers/{registerId}"] = [Conflict],
        ["GET /v1/registers/{registerId}/members"] = [BadRequest, NotFound],
        ["POST /v1/registers/{registerId}/members"] = [NotFound, Conflict],
        ["POST /v1/imports"] = [], // bad lines are answered per line in a 200, not as a 400
        ["GET /v1/subjects"] = [BadRequest, NotFound],
        ["GET /v1/subjects/{subjectId}"] = [NotFound],
        ["PUT /v1/subjects/{subjectId}/consents/{purposeId}"] = [NotFound, Conflict],
        ["DELETE /v1/subjects/{subjectId}/consents/{purposeId}"] = [NotFound, Conflict],
        ["PUT /v1/subjects/{subjectId}/objections/{scope}"] = [NotFound, Conflict],
        ["DELETE /v1/subjects/{subjectId}/objections/{scope}"] = [BadRequest, NotFound, Conflict],
        ["PUT /v1/subjects/{subjectId}/restrictions/{registerId}"] = [NotFound, Conflict],
        ["DELETE /v1/subjects/{subjectId}/restrictions/{registerId}"] = [BadRequest, NotFound, Conflict],
        ["GET /v1/subjects/{subjectId}/permissions"] = [BadRequest, NotFound],
        ["GET /v1/subjects/{subjectId}/ledger"] = [BadRequest, NotFound],
        ["GET /v1/subjects/{subjectId}/ledger/verification"] = [NotFound],
        ["POST /v1/permissions/check"] = [],
        ["POST /v1/requests"] = [NotFound, Conflict],
        ["GET /v1/requests"] = [BadRequest],
        ["GET /v1/requests/{requestId}"] = [NotFound],
        ["POST /v1/requests/{requestId}/verification"] = [NotFound, Conflict],
        ["POST /v1/requests/{requestId}/extension"] = [NotFound, Conflict],
        ["POST /v1/requests/{requestId}/refusal"] = [NotFound, Conflict],
        ["POST /v1/requests/{requestId}/cancellation"] = [NotFound, Conflict],
        ["GET /v1/requests/{requestId}/export"] = [NotFound, Conflict],
        ["GET /v1/requests/{requestId}/receipt"] = [NotFound, Conflict],
        ["POST /v1/requests/{requestId}/tasks/{registerId}/confirmation"] = [NotFound, Conflict],
        ["POST /v1/campaigns"] = [NotFound, Conflict],
        ["POST /v1/campaigns/uploads"] = [BadRequest],
        ["GET /v1/campaigns"] = [BadRequest],
        ["GET /v1/campaigns/{campaignId}"] = [NotFound],
        ["POST /v1/campaigns/{campaignId}/pause"] = [NotFound, Conflict],
        ["POST /v1/campaigns/{campaignId}/resume"] = [NotFound, Conflict],
        ["POST /v1/campaigns/{campaignId}/cancel"] = [NotFound, Conflict],
        ["GET /v1/campaigns/{campaignId}/items"] = [BadRequest, NotFound],
        ["POST /v1/retention/sweeps"] = [NotFound],
        ["POST /v1/erasures/reconcile"] = [],
        ["GET /v1/cluster"] = [],
        ["GET /v1/keys/rotation"] = [],
    };

    public static string RouteKey(string method, string relativePath) => $"{method.ToUpperInvariant()} /{relativePath.TrimEnd('/')}";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var key = RouteKey(context.Description.HttpMethod ?? "GET", context.Description.RelativePath ?? "");
        if (!key.Contains(" /v1/", StringComparison.Ordinal))
        {
            return Task.CompletedTask;
        }
        var statuses = new SortedSet<int>(ByRoute.TryGetValue(key, out var listed) ? listed : []);
        if (operation.RequestBody?.Content is { Count: > 0 } content)
        {
            statuses.UnionWith([StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType]);
            if (content.ContainsKey("application/json"))
            {
                statuses.Add(BadRequest);
            }
        }
        statuses.UnionWith([StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable]);
        foreach (var status in statuses)
        {
            ProblemResponses.Add(operation, status, Describe(status));
        }
        return Task.CompletedTask;
    }

    private static string Describe(int status) => status switch
    {
        BadRequest => "A field, parameter or body is invalid; `errors` names each by its path (e.g. `identifiers[0].value`).",
        NotFound => "What the path names (or a register, subject or upload the body names) does not exist.",
        Conflict => "The resource's state does not allow this now (the answer says which state), or another node changed it at the same moment.",
        StatusCodes.Status413PayloadTooLarge => "The body is over this operation's size limit (1 MiB for JSON bodies).",
        StatusCodes.Status415UnsupportedMediaType => "The body's content type is not the one this operation takes.",
        StatusCodes.Status429TooManyRequests => "The key's rate limit is spent; Retry-After says when to try again.",
        StatusCodes.Status503ServiceUnavailable => "The cluster could not complete the call now; it may or may not have taken effect. Retry-After says when to retry.",
        _ => "Error.",
    };
}
