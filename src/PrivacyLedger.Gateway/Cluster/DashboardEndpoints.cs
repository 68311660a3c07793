using Microsoft.AspNetCore.Routing.Template;
using Orleans.Dashboard;

namespace PrivacyLedger.Gateway.Cluster;

/// <summary>
/// The Orleans Dashboard at <c>/dashboard</c>, behind one row of the access matrix (<c>GET /dashboard/{**path}</c>,
/// admin only). The dashboard maps some twenty routes of its own; they are built on a route table of ours that the
/// gateway does not serve, and the one matrix route hands each request to the dashboard route it names. So every
/// dashboard path, those a later version adds included, is under the admin key, and none escapes the matrix.
/// </summary>
internal static class DashboardEndpoints
{
    public const string Prefix = "/dashboard";

    public static IEndpointRouteBuilder MapClusterDashboard(this IEndpointRouteBuilder routes, IConfiguration configuration)
    {
        if (!configuration.DashboardEnabled())
        {
            return routes;
        }
        var dashboard = new PrivateRouteTable(routes);
        dashboard.MapOrleansDashboard(routePrefix: Prefix);
        var table = new DashboardRoutes([.. dashboard.DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()]);
        routes.MapGet(Prefix + "/{**path}", table.DispatchAsync).ExcludeFromDescription();
        return routes;
    }

    /// <summary>Routes built for dispatch only: never added to the gateway's endpoints.</summary>
    private sealed class PrivateRouteTable(IEndpointRouteBuilder outer) : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider => outer.ServiceProvider;

        public ICollection<EndpointDataSource> DataSources { get; } = [];

        public IApplicationBuilder CreateApplicationBuilder() => outer.CreateApplicationBuilder();
    }

    /// <summary>The dashboard's GET routes, literal ones first, matched against the request's path.</summary>
    private sealed class DashboardRoutes(IReadOnlyList<RouteEndpoint> endpoints)
    {
        private readonly IReadOnlyList<(TemplateMatcher Matcher, RouteEndpoint Endpoint)> _routes =
            [.. endpoints
                .Where(endpoint => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { HttpMethods: var methods } || methods.Contains(HttpMethods.Get))
                .OrderBy(endpoint => endpoint.RoutePattern.Parameters.Count)
                .ThenBy(endpoint => endpoint.Order)
                .Select(endpoint => (new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), new RouteValueDictionary(endpoint.RoutePattern.Defaults)), endpoint))];

        public async Task DispatchAsync(HttpContext context)
        {
            foreach (var (matcher, endpoint) in _routes)
            {
                var values = new RouteValueDictionary();
                if (endpoint.RequestDelegate is { } handler && matcher.TryMatch(context.Request.Path, values))
                {
                    context.Request.RouteValues = values;
                    context.SetEndpoint(endpoint);
                    await handler(context);
                    return;
                }
            }
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
