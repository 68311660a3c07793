using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// Work left over by a restart goes on as soon as the gateway is back, not at the next tick of its reminder:
/// here the default one-minute <c>Ledger:RequestWorkInterval</c>, against the test factory's one second.
/// </summary>
public abstract class LeftoverWorkTests : CampaignTestBase
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings() => new Dictionary<string, string?>
    {
        ["Ledger:RequestWorkInterval"] = "00:01:00",
    };

    [Fact]
    public async Task A_campaign_stopped_with_work_left_goes_on_at_once_after_a_restart()
    {
        // Everything before the restart goes through the first gateway: the one that comes back must not have
        // started (and resumed its work) before the campaign existed.
        string campaignId;
        string registerId;
        var first = NewGateway();
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
            await first.DisposeAsync();
        }

        // The reminder was set a minute ahead when the campaign started a few seconds ago: only the start-up
        // resume can finish the remaining five seconds of work within fifteen.
        var done = await WaitUntilAsync(campaignId, "completed", seconds: 15);

        Assert.Equal(30, Count(done, "processed"));
        Assert.Equal(0, await MemberCountAsync(registerId));
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresLeftoverWorkTests(PostgresClusterFixture postgres) : LeftoverWorkTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteLeftoverWorkTests : LeftoverWorkTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
