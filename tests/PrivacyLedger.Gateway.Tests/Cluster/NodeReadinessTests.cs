using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests.Cluster;

/// <summary>
/// /readyz follows the node's place in the cluster: 200 while its silo is active, 503 "draining" from the moment the
/// host is told to stop, while the node still serves requests for <c>Cluster:DrainDelay</c> so a load balancer can
/// take it out of rotation first. Each test stops its own gateway.
/// </summary>
public abstract class NodeReadinessTests : GatewayTestBase
{
    // Long enough for the two calls made while draining, on a loaded machine.
    private static readonly TimeSpan DrainDelay = TimeSpan.FromSeconds(5);

    protected override IReadOnlyDictionary<string, string?> ExtraSettings() => new Dictionary<string, string?>
    {
        ["Cluster:DrainDelay"] = DrainDelay.ToString("c"),
        // The drain takes at most a third of the host's shutdown timeout: room for 5 s.
        ["shutdownTimeoutSeconds"] = "15",
    };

    [Fact]
    public async Task A_stopping_node_answers_503_draining_but_keeps_serving_for_the_drain_delay()
    {
        var client = Gateway.ClientFor("admin");
        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", (await ready.Content.ReadFromJsonAsync<Status>())!.status);
        var lifetime = Gateway.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopped = new TaskCompletionSource();
        lifetime.ApplicationStopped.Register(() => stopped.TrySetResult());

        var clock = Stopwatch.StartNew();
        lifetime.StopApplication();

        var draining = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, draining.StatusCode);
        Assert.Equal("draining", (await draining.Content.ReadFromJsonAsync<Status>())!.status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/registers")).StatusCode);
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(clock.Elapsed >= DrainDelay, $"stopped after {clock.Elapsed.TotalSeconds:0.0} s, before the drain delay");
        Assert.Contains(Gateway.Logs.Lines, line => line.Contains("Draining: not ready", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_node_never_reported_ready_has_no_balancer_to_wait_for_and_stops_at_once()
    {
        // Starts the gateway without asking /readyz: nobody routes by this node's readiness. gRPC health, which its
        // own publisher also asks every few seconds, does not count as someone routing.
        Assert.Equal(HttpStatusCode.OK, (await Gateway.CreateClient().GetAsync("/healthz")).StatusCode);
        using var channel = GrpcChannel.ForAddress(Gateway.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Gateway.Server.CreateHandler() });
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await new global::Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new HealthCheckRequest())).Status);
        var lifetime = Gateway.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopped = new TaskCompletionSource();
        lifetime.ApplicationStopped.Register(() => stopped.TrySetResult());

        lifetime.StopApplication();

        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(Gateway.Logs.Lines, line => line.Contains("Draining", StringComparison.Ordinal));
    }

    private sealed record Status(string status);
}

[Collection(PostgresCollection4.Name)]
public sealed class PostgresNodeReadinessTests(PostgresClusterFixture postgres) : NodeReadinessTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteNodeReadinessTests : NodeReadinessTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
