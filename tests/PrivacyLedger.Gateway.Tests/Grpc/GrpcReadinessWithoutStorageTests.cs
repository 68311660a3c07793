using Grpc.Health.V1;
using Grpc.Net.Client;
using PrivacyLedger.Testing;
using HealthClient = Grpc.Health.V1.Health.HealthClient;

namespace PrivacyLedger.Gateway.Tests.Grpc;

/// <summary>gRPC health's "" follows /readyz: NOT_SERVING once the database is gone, as /readyz answers 503 (see ReadinessWithoutStorageTests).</summary>
public sealed class GrpcReadinessWithoutStorageTests
{
    [Fact]
    public async Task The_overall_service_is_not_serving_once_PostgreSQL_is_gone()
    {
        var cluster = await PostgresCluster.StartAsync();
        var gateway = new GatewayFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Ledger"] = cluster.ConnectionString + ";Timeout=3;Pooling=false",
        }, stopsMidWork: true);
        try
        {
            using var channel = GrpcChannel.ForAddress(gateway.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = gateway.Server.CreateHandler() });
            var health = new HealthClient(channel);
            var before = await health.CheckAsync(new HealthCheckRequest { Service = "" });

            await cluster.DisposeAsync();

            var after = await health.CheckAsync(new HealthCheckRequest { Service = "" });
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, before.Status);
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, after.Status);
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, (await gateway.CreateClient().GetAsync("/readyz")).StatusCode);
        }
        finally
        {
            // Without its database the silo cannot leave the membership table: its stop is a dying one.
            await gateway.StopMidWorkAsync();
        }
    }
}
