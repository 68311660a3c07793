using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// <c>GET /v1/campaigns</c>: the campaigns newest first, by status, keyset-paged, as fresh as each campaign's last
/// commit and still there after a restart; on both engines.
/// </summary>
public abstract class CampaignListTests : CampaignTestBase
{
    [Fact]
    public async Task Campaigns_are_listed_newest_first_by_status_paged_and_survive_a_restart()
    {
        string older, paused, newer;
        var first = NewGateway();
        try
        {
            var operatorClient = first.ClientFor("campaign-operator");
            older = await StartAsync(new { kind = "erasure", selector = new { subjectIds = new[] { "nobody-1" } }, dryRun = true }, operatorClient);
            // A paced real run over people never known: it erases no one and is still running when paused.
            paused = await StartAsync(new { kind = "erasure", selector = new { subjectIds = Enumerable.Range(0, 50).Select(i => $"nobody-{i}") }, dryRun = false, maxPerSecond = 1 }, operatorClient);
            Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsync($"/v1/campaigns/{paused}/pause", null)).StatusCode);
            newer = await StartAsync(new { kind = "erasure", selector = new { subjectIds = new[] { "nobody-2" } }, dryRun = true }, operatorClient);
            foreach (var done in new[] { older, newer })
            {
                Assert.True(await Eventually.TrueAsync(async () =>
                    (await StatusAsync(done, operatorClient))["status"]!.GetValue<string>() == "completed", TimeSpan.FromSeconds(30)));
            }
        }
        finally
        {
            await first.DisposeAsync();
        }

        // A new gateway on the same storage: the list is the campaigns' own commits, not anything held in memory.
        var officer = Gateway.ClientFor("privacy-officer");
        var all = await ListAsync(officer, "");
        Assert.Equal([newer, paused, older], Ids(all));
        var pausedView = all["items"]!.AsArray().Single(i => i!["campaignId"]!.GetValue<string>() == paused)!;
        Assert.Equal((await StatusAsync(paused)).ToJsonString(), pausedView.ToJsonString());

        var firstPage = await ListAsync(officer, "?limit=2");
        Assert.Equal([newer, paused], Ids(firstPage));
        Assert.Equal(paused, firstPage["next"]!.GetValue<string>());
        var lastPage = await ListAsync(officer, $"?limit=2&after={paused}");
        Assert.Equal([older], Ids(lastPage));
        Assert.Null(lastPage["next"]);

        Assert.Equal([paused], Ids(await ListAsync(Operator, "?status=paused")));
        Assert.Equal([newer, older], Ids(await ListAsync(Operator, "?status=completed")));
        Assert.Empty(Ids(await ListAsync(Operator, "?status=running")));

        // A change is in the list as soon as it is answered.
        Assert.Equal(HttpStatusCode.OK, (await Operator.PostAsync($"/v1/campaigns/{paused}/resume", null)).StatusCode);
        Assert.Equal([paused], Ids(await ListAsync(Operator, "?status=running")));
        Assert.Equal(HttpStatusCode.OK, (await Operator.PostAsync($"/v1/campaigns/{paused}/cancel", null)).StatusCode);
        Assert.Equal([paused], Ids(await ListAsync(Operator, "?status=cancelled")));
        Assert.Empty(Ids(await ListAsync(Operator, "?status=running")));
    }

    [Fact]
    public async Task A_bad_status_or_limit_is_refused_naming_the_parameter_and_other_roles_may_not_list()
    {
        var status = await Operator.GetAsync("/v1/campaigns?status=finished");
        var limit = await Operator.GetAsync("/v1/campaigns?limit=0");

        Assert.Equal(HttpStatusCode.BadRequest, status.StatusCode);
        Assert.NotNull((await status.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["status"]);
        Assert.Equal(HttpStatusCode.BadRequest, limit.StatusCode);
        Assert.NotNull((await limit.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["limit"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await Gateway.ClientFor("service").GetAsync("/v1/campaigns")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Gateway.ClientFor("marketing").GetAsync("/v1/campaigns")).StatusCode);
    }

    private static async Task<JsonObject> ListAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<JsonObject>($"/v1/campaigns{query}"))!;

    private static List<string> Ids(JsonObject page) => [.. page["items"]!.AsArray().Select(i => i!["campaignId"]!.GetValue<string>())];
}

[Collection(PostgresCollection2.Name)]
public sealed class PostgresCampaignListTests(PostgresClusterFixture postgres) : CampaignListTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteCampaignListTests : CampaignListTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
