using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PrivacyLedger.Testing;
using Xunit.Abstractions;

namespace PrivacyLedger.Gateway.Tests.Cluster;

/// <summary>
/// Two gateway processes in one Orleans cluster on one PostgreSQL, behind HAProxy: people enrolled and consents changed
/// through HAProxy, then one node is killed with SIGKILL. Requests through HAProxy succeed again within a bounded
/// window (measured and written to the test output), everything written before the kill reads back through the
/// survivor, and the dead node's silo leaves <c>GET /v1/cluster</c> within the membership's probe window. The gateway
/// runs with its default membership timings, so the figures are the ones an operator gets.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TwoNodeFailoverTests(PostgresClusterFixture postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Register = "pk-terveys-customers";
    private const string Purpose = "direct-marketing";
    private const int People = 40;

    /// <summary>What the failover may take at most: detection (probe timeout 2 s × 2 missed probes) and a margin for a busy machine.</summary>
    private static readonly TimeSpan FailoverBound = TimeSpan.FromSeconds(20);

    private static readonly Dictionary<string, string> Keys = new()
    {
        ["admin"] = "cluster-admin-key",
        ["service"] = "cluster-service-key",
        ["marketing"] = "cluster-marketing-key",
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("two-node-cluster-").FullName;
    private readonly List<NodeProcess> _nodes = [];
    private HaproxyProcess? _haproxy;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_killed_node_is_failed_over_through_HAProxy_within_seconds_and_loses_nothing()
    {
        Assert.True(File.Exists(HaproxyProcess.Executable), "HAProxy is not installed (apt-get install haproxy; .ci/run installs it)");
        var settings = NodeSettings();
        _nodes.Add(NodeProcess.Start("node1", settings, _folder));
        _nodes.Add(NodeProcess.Start("node2", settings, _folder));
        foreach (var node in _nodes)
        {
            Assert.True(await Eventually.TrueAsync(() => ReadyAsync(node), TimeSpan.FromSeconds(90)), $"{node.LogPath} did not become ready:\n{node.LogTail()}");
        }
        _haproxy = HaproxyProcess.Start(_nodes.Select(n => n.HttpPort), _folder);
        using var service = Client(_haproxy.BaseAddress, "service");
        using var marketing = Client(_haproxy.BaseAddress, "marketing");
        using var admin = Client(_haproxy.BaseAddress, "admin");
        Assert.True(await Eventually.TrueAsync(async () => await NodeCountAsync(admin) == 2, TimeSpan.FromSeconds(30)), "HAProxy never served a two-node view");

        // Written through HAProxy, so through both nodes, and the grains spread over both silos.
        var subjects = new List<string>();
        for (var i = 0; i < People; i++)
        {
            var enrolled = await service.PostAsJsonAsync($"/v1/registers/{Register}/members", new
            {
                identifiers = new[] { new { kind = "email", value = $"node-test-{i}-{Guid.NewGuid():N}@example.fi" } },
                source = "web",
            });
            Assert.Equal(HttpStatusCode.Created, enrolled.StatusCode);
            var subjectId = (await enrolled.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
            var consent = await service.PutAsJsonAsync($"/v1/subjects/{subjectId}/consents/{Purpose}", new { channels = new[] { "email" }, source = "web-form" });
            Assert.Equal(HttpStatusCode.NoContent, consent.StatusCode);
            subjects.Add(subjectId);
        }
        var victim = _nodes[1];
        using var victimClient = Client(victim.BaseAddress, "admin");
        var victimSilo = (await victimClient.GetFromJsonAsync<JsonObject>("/v1/cluster"))!["self"]!["siloAddress"]!.GetValue<string>();
        var activationsBefore = await ActivationsAsync(victimClient, victimSilo);

        victim.Kill();
        var clock = Stopwatch.StartNew();

        // Every person's check, round after round, through HAProxy, until a whole round succeeds: the grains that lived on
        // the dead silo are then served by the survivor. The window ends where that round began.
        var failures = new Dictionary<string, int>();
        var window = TimeSpan.Zero;
        var recovered = false;
        while (clock.Elapsed < FailoverBound + TimeSpan.FromSeconds(10))
        {
            var roundStart = clock.Elapsed;
            var roundFailures = 0;
            foreach (var subjectId in subjects)
            {
                if (await CheckAsync(marketing, subjectId) is { } failure)
                {
                    roundFailures++;
                    failures[failure] = failures.GetValueOrDefault(failure) + 1;
                }
            }
            if (roundFailures == 0)
            {
                window = roundStart;
                recovered = true;
                break;
            }
        }
        var failed = failures.Count == 0 ? "none" : string.Join(", ", failures.Select(f => $"{f.Key} x{f.Value}"));
        output.WriteLine($"failover through HAProxy after kill -9: {window.TotalSeconds:0.0} s until every check succeeded; failed checks meanwhile: {failed}; the dead node held {activationsBefore} activations");
        Assert.True(recovered, $"checks still failed {clock.Elapsed.TotalSeconds:0} s after the kill ({failed})");
        Assert.True(window < FailoverBound, $"the failover took {window.TotalSeconds:0.0} s");

        // Writes go through again, on the people whose grains may have lived on the dead silo.
        foreach (var subjectId in subjects.Take(10))
        {
            var change = await service.PutAsJsonAsync($"/v1/subjects/{subjectId}/consents/{Purpose}", new { channels = new[] { "email", "sms" }, source = "web-form" });
            Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        }

        // The dead silo leaves the cluster view once membership has declared it dead.
        Assert.True(await Eventually.TrueAsync(async () => !await ListedAsync(admin, victimSilo), FailoverBound), "the dead silo is still in GET /v1/cluster");
        output.WriteLine($"the dead silo left GET /v1/cluster {clock.Elapsed.TotalSeconds:0.0} s after the kill (upper bound: checked after the failover)");
        var view = (await admin.GetFromJsonAsync<JsonObject>("/v1/cluster"))!;
        Assert.Equal("active", Assert.Single(view["nodes"]!.AsArray())!["status"]!.GetValue<string>());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_haproxy is not null)
        {
            await _haproxy.DisposeAsync();
        }
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Both nodes: one PostgreSQL schema, one cluster id of this run's own, keys for the roles the test plays.</summary>
    private Dictionary<string, string> NodeSettings()
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Ledger"] = postgres.ConnectionString,
            ["Ledger__Postgres__Schema"] = PostgresClusterFixture.SchemaFor(GetType()),
            ["Ledger__MasterKey"] = Convert.ToBase64String("test-master-key-of-32-bytes-long"u8.ToArray()),
            ["Ledger__RegistersPath"] = Path.Combine(GatewayBuild.Root, "samples", "registers"),
            ["Ledger__SigningKeys__0__Kid"] = GatewayFactory.TestSigningKid,
            ["Ledger__SigningKeys__0__PrivateKey"] = GatewayFactory.TestSigningKey,
            ["Orleans__ClusterId"] = $"two-node-{Guid.NewGuid():N}",
            // Load tests turn it off; here it is on, as deployed.
            ["Cluster__Dashboard"] = "true",
        };
        var i = 0;
        foreach (var (role, key) in Keys)
        {
            settings[$"Auth__ApiKeys__{i}__Name"] = "test-" + role;
            settings[$"Auth__ApiKeys__{i}__Role"] = role;
            settings[$"Auth__ApiKeys__{i}__Key"] = key;
            i++;
        }
        return settings;
    }

    private static HttpClient Client(Uri baseAddress, string role)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Add("X-Api-Key", Keys[role]);
        return client;
    }

    private static async Task<bool> ReadyAsync(NodeProcess node)
    {
        if (node.HasExited)
        {
            return false;
        }
        using var http = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            return (await http.GetAsync("/readyz")).IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>The check the marketing system makes: null when it answered allowed (the consent given before the kill), else what went wrong.</summary>
    private static async Task<string?> CheckAsync(HttpClient marketing, string subjectId)
    {
        try
        {
            using var response = await marketing.GetAsync($"/v1/subjects/{subjectId}/permissions?purpose={Purpose}&channel=email&register={Register}");
            if (!response.IsSuccessStatusCode)
            {
                return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            }
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!["allowed"]!.GetValue<bool>() ? null : "not allowed";
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return exception.GetType().Name;
        }
    }

    private static async Task<int> NodeCountAsync(HttpClient admin)
    {
        try
        {
            return (await admin.GetFromJsonAsync<JsonObject>("/v1/cluster"))!["nodes"]!.AsArray().Count(n => n!["status"]!.GetValue<string>() == "active");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }

    private static async Task<bool> ListedAsync(HttpClient admin, string silo)
    {
        try
        {
            var view = await admin.GetFromJsonAsync<JsonObject>("/v1/cluster");
            return view!["nodes"]!.AsArray().Any(n => n!["siloAddress"]!.GetValue<string>() == silo);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return true;
        }
    }

    private static async Task<string> ActivationsAsync(HttpClient client, string silo)
    {
        var view = await client.GetFromJsonAsync<JsonObject>("/v1/cluster");
        var node = view!["nodes"]!.AsArray().FirstOrDefault(n => n!["siloAddress"]!.GetValue<string>() == silo);
        return node?["activations"]?.ToString() ?? "?";
    }
}
