using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PrivacyLedger.Gateway.Security;

namespace PrivacyLedger.Gateway.OpenApi;

/// <summary>
/// Every operation that needs a key says so: the <c>X-Api-Key</c> requirement, the roles that may call it
/// (read from the same authorization policies the gateway enforces, so the two cannot drift) in
/// <c>x-roles</c> and the description, and its 401 and 403 answers.
/// </summary>
internal sealed class SecurityOperationTransformer(IAuthorizationPolicyProvider policies) : IOpenApiOperationTransformer
{
    public const string SchemeId = "ApiKey";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var authorize = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().ToList();
        if (authorize.Count == 0 || context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var data in authorize)
        {
            if (data.Policy is { } name && await policies.GetPolicyAsync(name) is { } policy)
            {
                foreach (var requirement in policy.Requirements.OfType<RolesAuthorizationRequirement>())
                {
                    roles.UnionWith(requirement.AllowedRoles);
                }
            }
            if (data.Roles is { } listed)
            {
                roles.UnionWith(listed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            }
        }
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] });
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions["x-roles"] = new JsonNodeExtension(new System.Text.Json.Nodes.JsonArray([.. roles.Select(r => (System.Text.Json.Nodes.JsonNode)r)]));
        var line = $"Roles: {string.Join(", ", roles)}.";
        operation.Description = string.IsNullOrEmpty(operation.Description) ? line : $"{operation.Description}\n\n{line}";
        ProblemResponses.Add(operation, StatusCodes.Status401Unauthorized, $"No key, or a key the gateway does not know, in the {ApiKeyAuthenticationHandler.HeaderName} header.");
        ProblemResponses.Add(operation, StatusCodes.Status403Forbidden, "The key's role may not call this operation.");
    }
}
