using PrivacyLedger.Gateway.Security;

namespace PrivacyLedger.Gateway.Apis;

internal static class MetricsApi
{
    /// <summary><c>GET /metrics</c>: Prometheus' text format, for the admin role and a scraper's key of the metrics role.</summary>
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        // The exporter maps every method; a scrape is a GET, and the access matrix decides per method.
        app.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(new HttpMethodMetadata([HttpMethods.Get])).ExcludeFromDescription();
        return app;
    }
}
