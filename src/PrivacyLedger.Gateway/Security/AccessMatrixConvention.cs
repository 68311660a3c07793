using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing.Patterns;

namespace PrivacyLedger.Gateway.Security;

/// <summary>Applies <see cref="AccessMatrix"/> to every endpoint mapped under a group.</summary>
internal static class AccessMatrixConvention
{
    /// <summary>
    /// Each endpoint gets the roles of its row; an endpoint without a row throws as the endpoints are built (at
    /// start-up, and in the test that walks them), naming the route, instead of being served without a decision.
    /// </summary>
    public static TBuilder WithAccessMatrix<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        // Finally: after the endpoint's own conventions, so metadata they add (its HTTP method) is seen.
        builder.Finally(endpoint =>
        {
            if (endpoint is not RouteEndpointBuilder { RoutePattern: var pattern })
            {
                return;
            }
            var template = Template(pattern);
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault()?.HttpMethods ?? [];
            if (methods.Count != 1)
            {
                throw new InvalidOperationException($"Route {template} must be mapped to exactly one HTTP method to have an access decision.");
            }
            var access = AccessMatrix.Find(methods[0], template)
                ?? throw new InvalidOperationException($"Route {methods[0]} {template} has no row in AccessMatrix: decide who may call it.");
            endpoint.Metadata.Add(access);
            endpoint.Metadata.Add(access.Anonymous ? new AllowAnonymousAttribute() : new AuthorizeAttribute { Roles = string.Join(',', access.Callers) });
        });
        return builder;
    }

    /// <summary>The template as written in the matrix: literal and parameter segments, no trailing slash.</summary>
    private static string Template(RoutePattern pattern) =>
        pattern.RawText is { Length: > 1 } raw ? "/" + raw.Trim('/') : "/";
}
