using System.Text.Json.Nodes;
using System.Net.Http.Json;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// A campaign across a gateway's stop and restart, on both engines (<see cref="PostgresCampaignRestartTests"/>,
/// <see cref="SqliteCampaignRestartTests"/>). Apart from <see cref="CampaignTests"/>, whose tests share one gateway:
/// this test's gateway must start only after the first one stopped.
/// </summary>
public abstract class CampaignRestartTests : CampaignTestBase
{
    [Fact]
    public async Task A_gateway_stopped_mid_campaign_resumes_on_restart_and_accounts_for_everyone_exactly_once()
    {
        // Everything before the stop happens on the first gateway, and the test's own gateway starts only after it:
        // a restart, whose start-up picks up the campaign's work left over (a gateway already running would
        // learn of the new reminder only at its next reminder-table refresh, minutes later).
        string campaignId;
        List<string> people;
        string registerId;
        var first = NewGateway(stopsMidWork: true);
        try
        {
            registerId = await NewRegisterAsync(gateway: first);
            people = await EnrolManyAsync(registerId, 60, gateway: first);
            campaignId = await StartAsync(new { kind = "register-purge", registerId, selector = new { subjectIds = people }, maxPerSecond = 4, dryRun = false }, first.ClientFor("campaign-operator"));
            // Slow enough (15 s for everyone) that a stop and a restart taking seconds each on a loaded machine still leave
            // work to resume.
            Assert.True(await Eventually.TrueAsync(async () => Count(await StatusAsync(campaignId, first.ClientFor("campaign-operator")), "processed") >= 4));
        }
        finally
        {
            await first.StopMidWorkAsync();
        }
        var atStop = Count(await StatusAsync(campaignId), "processed");
        Assert.InRange(atStop, 4, 59);

        var done = await WaitUntilAsync(campaignId, "completed", seconds: 60);

        Assert.Equal(60, Count(done, "processed"));
        Assert.Equal(60, Count(done, "erased") + Count(done, "skipped"));
        var items = (await Operator.GetFromJsonAsync<JsonObject>($"/v1/campaigns/{campaignId}/items?limit=1000"))!["items"]!.AsArray();
        Assert.Equal(people.Order(StringComparer.Ordinal), items.Select(i => i!["subjectId"]!.GetValue<string>()));
        Assert.Equal(0, await MemberCountAsync(registerId));
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresCampaignRestartTests(PostgresClusterFixture postgres) : CampaignRestartTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteCampaignRestartTests : CampaignRestartTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
