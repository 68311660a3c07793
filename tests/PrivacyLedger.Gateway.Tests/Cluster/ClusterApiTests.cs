using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests.Cluster;

/// <summary>
/// <c>GET /v1/cluster</c> answers the nodes as Orleans' management grain sees them and this node's identity; the
/// Orleans Dashboard is served at /dashboard for the admin key only.
/// </summary>
public abstract class ClusterApiTests : GatewayTestBase
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings() => new Dictionary<string, string?>
    {
        ["Auth:ApiKeys:9:Role"] = "metrics",
        ["Auth:ApiKeys:9:Key"] = GatewayFactory.KeyFor("metrics"),
        // Test gateways are each a cluster of their own; this one is named, to see the name come back.
        ["Orleans:ClusterId"] = "privacy-ledger-cluster-view",
        ["Cluster:Dashboard"] = "true",
    };

    [Fact]
    public async Task The_cluster_view_lists_this_active_node_with_its_activations()
    {
        // Something to count: the register catalog activates register grains.
        Assert.Equal(HttpStatusCode.OK, (await Gateway.ClientFor("admin").GetAsync("/v1/registers")).StatusCode);

        var view = await Gateway.ClientFor("metrics").GetFromJsonAsync<JsonObject>("/v1/cluster");

        var self = view!["self"]!["siloAddress"]!.GetValue<string>();
        var node = Assert.Single(view["nodes"]!.AsArray())!;
        Assert.Equal(self, node["siloAddress"]!.GetValue<string>());
        Assert.Equal("active", node["status"]!.GetValue<string>());
        Assert.Equal("privacy-ledger-cluster-view", view["clusterId"]!.GetValue<string>());
        Assert.True(node["activations"]!.GetValue<int>() > 0);
        Assert.True(node["startedAt"]!.GetValue<DateTimeOffset>() <= DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task The_dashboard_is_served_to_the_admin_key_only()
    {
        var admin = Gateway.ClientFor("admin");
        var page = await admin.GetAsync("/dashboard/index.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/dashboard/ClusterStats")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/dashboard/no-such-page")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await Gateway.CreateClient().GetAsync("/dashboard/ClusterStats")).StatusCode);
        foreach (var role in new[] { "metrics", "privacy-officer", "campaign-operator" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await Gateway.ClientFor(role).GetAsync("/dashboard/ClusterStats")).StatusCode);
        }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresClusterApiTests(PostgresClusterFixture postgres, ClassGateway shared) : ClusterApiTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteClusterApiTests(ClassGateway shared) : ClusterApiTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}

/// <summary>Without <c>Cluster:Dashboard</c> (the default): no dashboard route at all. The engine does not matter here.</summary>
public sealed class DashboardOffTests : GatewayTestBase
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();

    [Fact]
    public async Task By_default_the_dashboard_is_not_there_for_anyone()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Gateway.ClientFor("admin").GetAsync("/dashboard/ClusterStats")).StatusCode);
    }
}
