using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary><c>GET /metrics</c>: the gateway's meters in Prometheus' text format, for admin and metrics keys only, naming no one.</summary>
public abstract class MetricsTests : CampaignTestBase
{
    private const string MetricsKey = "metrics-test-key";

    protected override IReadOnlyDictionary<string, string?> ExtraSettings() => new Dictionary<string, string?>
    {
        ["Auth:ApiKeys:9:Name"] = "test-scraper",
        ["Auth:ApiKeys:9:Role"] = "metrics",
        ["Auth:ApiKeys:9:Key"] = MetricsKey,
    };

    [Fact]
    public async Task A_scrape_after_activity_holds_the_gateways_orleans_storage_and_ledger_series_and_no_identifier()
    {
        var registerId = await NewRegisterAsync();
        var email = $"metrics-{Guid.NewGuid():N}@example.fi";
        var subjectId = await EnrolAsync(registerId, email, ["contact-person"]);
        var check = await Gateway.ClientFor("service").GetAsync($"/v1/subjects/{subjectId}/permissions?purpose=direct-marketing&channel=email");
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var request = await Gateway.ClientFor("service").PostAsJsonAsync("/v1/requests", new { type = "access", subject = new { subjectId }, channel = "email" });
        Assert.Equal(HttpStatusCode.Created, request.StatusCode);
        var requestId = (await request.Content.ReadFromJsonAsync<JsonObject>())!["requestId"]!.GetValue<string>();
        var campaignId = await StartAsync(new { kind = "erasure", selector = new { subjectIds = new[] { subjectId } }, dryRun = false });
        await WaitUntilAsync(campaignId, "completed");

        var scrape = await ScrapeAsync(MetricsKey);

        Assert.Contains("http_server_request_duration_seconds_bucket", scrape);
        Assert.Contains("orleans_", scrape);
        Assert.Contains("privacyledger_state_write_batch_size_bucket", scrape);
        Assert.Matches("privacyledger_permission_checks_total\\{[^}]*outcome=\"(allowed|denied)\"", scrape);
        Assert.Matches("privacyledger_campaign_items_total\\{[^}]*kind=\"erasure\"[^}]*outcome=\"erased\"", scrape);
        Assert.Matches("privacyledger_request_statuses_total\\{[^}]*status=\"received\"[^}]*type=\"access\"", scrape);
        foreach (var identifier in new[] { subjectId, requestId, campaignId, email, registerId })
        {
            Assert.DoesNotContain(identifier, scrape);
        }
    }

    [Fact]
    public async Task Metrics_are_read_with_a_metrics_or_admin_key_only()
    {
        Assert.Equal(HttpStatusCode.OK, (await GetMetricsAsync(MetricsKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetMetricsAsync(GatewayFactory.KeyFor("admin"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetMetricsAsync(GatewayFactory.KeyFor("service"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetMetricsAsync(null)).StatusCode);
    }

    [Fact]
    public async Task A_metrics_key_reads_nothing_else()
    {
        var client = Gateway.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", MetricsKey);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/v1/registers")).StatusCode);
    }

    private async Task<HttpResponseMessage> GetMetricsAsync(string? key)
    {
        var client = Gateway.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }
        return await client.GetAsync("/metrics");
    }

    private async Task<string> ScrapeAsync(string key)
    {
        var response = await GetMetricsAsync(key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}

[Collection(PostgresCollection3.Name)]
public sealed class PostgresMetricsTests(PostgresClusterFixture postgres) : MetricsTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteMetricsTests : MetricsTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
