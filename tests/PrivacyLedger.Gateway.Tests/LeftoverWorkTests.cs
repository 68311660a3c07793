using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// Work left over by a restart goes on as soon as the gateway is back, not at the next tick of its reminder:
/// here the default one-minute <c>Ledger:RequestWorkInterval</c>, against the test factory's one second.
/// </summary>
public abstract class LeftoverWorkTests : CampaignTestBase
{
    private const string PkTerveys = "pk-terveys-customers"; // recipients to notify (Art. 19)

    // The gateway that comes back after a restart finds the recipients' webhook answering.
    private readonly NotificationWebhook _webhook = new();

    protected override IReadOnlyDictionary<string, string?> ExtraSettings() => new Dictionary<string, string?>
    {
        ["Ledger:RequestWorkInterval"] = "00:01:00",
        ["Ledger:Notifications:WebhookUrl"] = "http://recipients.test/art19",
    };

    protected override void ConfigureServices(IServiceCollection services) => AddWebhook(services, _webhook);

    private static void AddWebhook(IServiceCollection services, NotificationWebhook webhook) =>
        services.AddHttpClient("notifications").ConfigurePrimaryHttpMessageHandler(() => webhook);

    [Fact]
    public async Task A_campaign_stopped_with_work_left_goes_on_at_once_after_a_restart()
    {
        // Everything before the restart goes through the first gateway: the one that comes back must not have
        // started (and resumed its work) before the campaign existed.
        string campaignId;
        string registerId;
        var first = NewGateway(stopsMidWork: true);
        try
        {
            registerId = await NewRegisterAsync(gateway: first);
            var people = await EnrolManyAsync(registerId, 30, gateway: first);
            // 30 people at 5 a second: six seconds of work, of which the first gateway does about one.
            campaignId = await StartAsync(new { kind = "register-purge", registerId, selector = new { subjectIds = people }, maxPerSecond = 5, dryRun = false },
                first.ClientFor("campaign-operator"));
            Assert.True(await Eventually.TrueAsync(async () => Count(await StatusAsync(campaignId, first.ClientFor("campaign-operator")), "processed") >= 5));
        }
        finally
        {
            await first.StopMidWorkAsync();
        }

        // The reminder was set a minute ahead when the campaign started a few seconds ago: only the start-up
        // resume can finish the remaining five seconds of work within thirty (slack for a loaded machine, still
        // short of the reminder).
        var done = await WaitUntilAsync(campaignId, "completed", seconds: 30);

        Assert.Equal(30, Count(done, "processed"));
        Assert.Equal(0, await MemberCountAsync(registerId));
    }

    [Fact]
    public async Task A_rights_request_stopped_with_a_notification_to_retry_retries_at_once_after_a_restart()
    {
        string requestId;
        var first = NewGateway(services => AddWebhook(services, new NotificationWebhook { FailFirst = int.MaxValue }), stopsMidWork: true);
        try
        {
            var enrolled = await first.ClientFor("service").PostAsJsonAsync($"/v1/registers/{PkTerveys}/members", new
            {
                identifiers = new[] { new { kind = "email", value = $"p-{Guid.NewGuid():N}@example.fi" } },
                categories = new[] { new { id = "feedback" } },
            });
            var subjectId = (await enrolled.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
            var created = await first.ClientFor("service").PostAsJsonAsync("/v1/requests", new
            {
                type = "rectification", subject = new { subjectId }, channel = "web",
                details = new { contact = new { address = "Uusi katu 1, 80100 Joensuu" }, source = "population-register" },
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            requestId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["requestId"]!.GetValue<string>();
            var verified = await first.ClientFor("privacy-officer").PostAsJsonAsync($"/v1/requests/{requestId}/verification",
                new { method = "strong-electronic-identification", verifiedBy = "officer-anna" });
            var notifications = (await verified.Content.ReadFromJsonAsync<JsonObject>())!["notifications"]!.AsArray();
            Assert.NotEmpty(notifications);
            Assert.All(notifications, n => Assert.Equal("pending", n!["status"]!.GetValue<string>()));
        }
        finally
        {
            await first.StopMidWorkAsync();
        }

        // The retry was set a minute ahead by the failed delivery a moment ago: only the start-up resume delivers
        // within forty seconds of the restarted gateway being ready (slack for a loaded machine, still short of the retry).
        Assert.True((await Gateway.CreateClient().GetAsync("/readyz")).IsSuccessStatusCode);
        var delivered = await Eventually.TrueAsync(async () =>
            (await Gateway.ClientFor("privacy-officer").GetFromJsonAsync<JsonObject>($"/v1/requests/{requestId}"))!["notifications"]!.AsArray()
                .All(n => n!["status"]!.GetValue<string>() == "delivered"),
            TimeSpan.FromSeconds(40));

        Assert.True(delivered);
        Assert.NotEmpty(_webhook.Received);
    }
}

[Collection(PostgresCollection4.Name)]
public sealed class PostgresLeftoverWorkTests(PostgresClusterFixture postgres) : LeftoverWorkTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteLeftoverWorkTests : LeftoverWorkTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
