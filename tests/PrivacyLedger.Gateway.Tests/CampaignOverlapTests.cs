using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// A campaign processes the people it has already selected while it goes on selecting the rest, on both engines.
/// The campaign is paced, so on the manual clock its next turn after a chunk runs only once the test moves the clock.
/// </summary>
public abstract class CampaignOverlapTests : ManualClockCampaignTestBase
{
    [Fact]
    public async Task Selected_people_are_processed_while_selection_goes_on_and_each_is_counted_once()
    {
        var registerId = await NewRegisterAsync();
        var people = await EnrolManyAsync(registerId, 3);
        // Five selection pages of up to 1,000; all but three ids are of nobody, and end skipped.
        var ids = people.Concat(Enumerable.Range(0, 4_497).Select(i => $"nobody-{i:D4}-{Guid.NewGuid():N}"));
        var uploaded = await Operator.PostAsync("/v1/campaigns/uploads", new StringContent(string.Join("\n", ids), Encoding.UTF8, "text/plain"));
        var uploadId = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!["uploadId"]!.GetValue<string>();

        // Timer turns due now run on a zero step; after its first chunk the campaign waits a second of the clock.
        PollStep = TimeSpan.Zero;
        var campaignId = await StartAsync(new { kind = "erasure", selector = new { subjectIdsUpload = uploadId }, maxPerSecond = 100, dryRun = false });
        var first = await WaitForAsync(campaignId, campaign => Count(campaign, "processed") > 0, "a first chunk");

        Assert.True(first["selecting"]!.GetValue<bool>(), first.ToJsonString());
        Assert.InRange(Count(first, "total"), Count(first, "processed") + 1, 4_499);
        Assert.Equal(Count(first, "processed"), Count(first, "erased") + Count(first, "skipped"));

        // The campaign's pacing timer ticks in real time, a chunk a tick: about 45 ticks, which a machine busy with the
        // rest of the suite stretches well past a minute. The clock moves a second a poll.
        PollStep = TimeSpan.FromSeconds(1);
        var done = await WaitUntilAsync(campaignId, "completed", seconds: 180);

        Assert.False(done["selecting"]!.GetValue<bool>());
        Assert.Equal(4_500, Count(done, "total"));
        Assert.Equal(4_500, Count(done, "processed"));
        Assert.Equal(3, Count(done, "erased"));
        Assert.Equal(4_497, Count(done, "skipped"));
        Assert.Equal(0, Count(done, "held") + Count(done, "failed"));
        Assert.Equal(people.Order(StringComparer.Ordinal), await ItemsAsync(campaignId, "erased"));
        Assert.Empty(await ItemsAsync(campaignId, "selected"));
        Assert.Equal(0, await MemberCountAsync(registerId));
    }
}

[Collection(PostgresCollection4.Name)]
public sealed class PostgresCampaignOverlapTests(PostgresClusterFixture postgres) : CampaignOverlapTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteCampaignOverlapTests : CampaignOverlapTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
