using Microsoft.Extensions.Diagnostics.HealthChecks;
using PrivacyLedger.Gateway.Health;

namespace PrivacyLedger.Gateway.Grpc;

/// <summary>gRPC health's overall service "": SERVING exactly when <c>/readyz</c> answers 200 (<see cref="GatewayReadiness"/>).</summary>
internal sealed class ReadinessHealthCheck(GatewayReadiness readiness) : IHealthCheck
{
    public const string Name = "readiness";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = await readiness.CheckAsync(cancellationToken);
        return report.IsReady ? HealthCheckResult.Healthy(report.Status) : HealthCheckResult.Unhealthy(report.Status);
    }
}
