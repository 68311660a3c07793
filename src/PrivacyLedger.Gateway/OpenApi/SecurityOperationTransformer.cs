using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PrivacyLedger.Gateway.Security;

namespace PrivacyLedger.Gateway.OpenApi;

/// <summary>
/// Every operation that needs a key says so: the <c>X-Api-Key</c> requirement, the roles that may call it (the
/// endpoint's own <see cref="RouteAccess"/> row of the access matrix, so the document and the gateway cannot drift)
/// in <c>x-roles</c> and the description, and its 401 and 403 answers.
/// </summary>
internal sealed class SecurityOperationTransformer : IOpenApiOperationTransformer
{
    public const string SchemeId = "ApiKey";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RouteAccess>().LastOrDefault() is not { Anonymous: false } access)
        {
            return Task.CompletedTask;
        }
        var roles = access.Callers;
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] });
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions["x-roles"] = new JsonNodeExtension(new System.Text.Json.Nodes.JsonArray([.. roles.Select(r => (System.Text.Json.Nodes.JsonNode)r)]));
        var line = $"Roles: {string.Join(", ", roles)}.";
        operation.Description = string.IsNullOrEmpty(operation.Description) ? line : $"{operation.Description}\n\n{line}";
        ProblemResponses.Add(operation, StatusCodes.Status401Unauthorized, $"No key, or a key the gateway does not know, in the {ApiKeyAuthenticationHandler.HeaderName} header.");
        ProblemResponses.Add(operation, StatusCodes.Status403Forbidden, "The key's role may not call this operation.");
        return Task.CompletedTask;
    }
}
