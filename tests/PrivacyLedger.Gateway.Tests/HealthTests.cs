using System.Net;
using System.Net.Http.Json;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

public abstract class HealthTests : GatewayTestBase
{
    [Fact]
    public async Task Healthz_answers_without_a_key()
    {
        var response = await Gateway.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", (await response.Content.ReadFromJsonAsync<Status>())!.status);
    }

    [Fact]
    public async Task Readyz_answers_ready_when_storage_is_reachable()
    {
        var response = await Gateway.CreateClient().GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", (await response.Content.ReadFromJsonAsync<Status>())!.status);
    }

    private sealed record Status(string status);
}

[Collection(PostgresCollection3.Name)]
public sealed class PostgresHealthTests(PostgresClusterFixture postgres, ClassGateway shared) : HealthTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteHealthTests(ClassGateway shared) : HealthTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}

/// <summary>A database that goes away after start-up makes the gateway unready, not dead.</summary>
public sealed class ReadinessWithoutStorageTests
{
    [Fact]
    public async Task Readyz_answers_503_once_PostgreSQL_is_gone_while_healthz_still_answers()
    {
        var cluster = await PostgresCluster.StartAsync();
        var gateway = new GatewayFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Ledger"] = cluster.ConnectionString + ";Timeout=3;Pooling=false",
        }, stopsMidWork: true);
        try
        {
            var client = gateway.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

            await cluster.DisposeAsync();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        }
        finally
        {
            // With its database gone the silo cannot mark itself dead in the membership table: its stop is a dying one.
            await gateway.StopMidWorkAsync();
        }
    }
}
