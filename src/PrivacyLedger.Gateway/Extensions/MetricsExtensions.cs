using OpenTelemetry.Metrics;
using PrivacyLedger.Ledger;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Gateway.Extensions;

internal static class MetricsExtensions
{
    /// <summary>The meters <c>GET /metrics</c> shows; each names only routes, outcomes, kinds and statuses, never a person or an id.</summary>
    public static readonly IReadOnlyList<string> Meters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.Orleans",
        StorageMetrics.MeterName,
        LedgerMetrics.MeterName,
    ];

    /// <summary>The gateway's meters collected for a Prometheus scrape (see <see cref="Apis.MetricsApi"/>).</summary>
    public static WebApplicationBuilder AddGatewayMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter([.. Meters])
            .AddPrometheusExporter());
        return builder;
    }
}
