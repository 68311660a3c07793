using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// Campaigns selecting by <c>retentionExpired</c>, on a manual clock, on both engines. The register is a copy of
/// pk-terveys-customers: call recordings 30 days, feedback 5 years, basic data while a member.
/// </summary>
public abstract class RetentionCampaignTests : ManualClockCampaignTestBase
{
    private static string Email() => $"r-{Guid.NewGuid():N}@example.fi";

    [Fact]
    public async Task Only_people_whose_every_category_is_past_its_retention_are_selected_and_purged()
    {
        var registerId = await NewRegisterAsync("pk-terveys-customers");
        var expired = await EnrolAsync(registerId, Email(), ["call-recordings"]);
        var feedbackKept = await EnrolAsync(registerId, Email(), ["call-recordings", "feedback"]);
        var stillMember = await EnrolAsync(registerId, Email(), ["call-recordings", "basic-data"]);
        Clock.Advance(TimeSpan.FromDays(20));
        var recent = await EnrolAsync(registerId, Email(), ["call-recordings"]);
        Clock.Advance(TimeSpan.FromDays(11));

        var dryRun = await WaitUntilAsync(await StartAsync(new { kind = "register-purge", registerId, selector = new { retentionExpired = true }, dryRun = true }), "completed");

        Assert.Equal(1, Count(dryRun, "total"));
        Assert.Equal([expired], dryRun["sample"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(4, await MemberCountAsync(registerId));

        var campaignId = await StartAsync(new { kind = "register-purge", registerId, selector = new { retentionExpired = true }, dryRun = false });
        var done = await WaitUntilAsync(campaignId, "completed");

        Assert.Equal(1, Count(done, "erased"));
        Assert.Equal([expired], await ItemsAsync(campaignId, "erased"));
        var members = await Gateway.ClientFor("admin").GetFromJsonAsync<JsonObject>($"/v1/registers/{registerId}/members?limit=1000");
        Assert.Equal(new[] { feedbackKept, stillMember, recent }.Order(StringComparer.Ordinal),
            members!["items"]!.AsArray().Select(m => m!["subjectId"]!.GetValue<string>()));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await Gateway.ClientFor("admin").GetAsync($"/v1/subjects/{expired}")).StatusCode);
    }

    [Fact]
    public async Task An_erasure_campaign_checks_retention_again_at_erasure_and_spares_someone_whose_data_was_renewed()
    {
        var registerId = await NewRegisterAsync("pk-terveys-customers");
        var emails = new[] { Email(), Email() };
        var people = new List<string>();
        foreach (var email in emails)
        {
            people.Add(await EnrolAsync(registerId, email, ["call-recordings"]));
        }
        Clock.Advance(TimeSpan.FromDays(31));
        // One person a second: the second in item order is erased a second (of the manual clock) after the first.
        var (first, second) = string.CompareOrdinal(people[0], people[1]) < 0 ? (0, 1) : (1, 0);

        var campaignId = await StartAsync(new { kind = "erasure", registerId, selector = new { retentionExpired = true }, maxPerSecond = 1, dryRun = false });
        await WaitForAsync(campaignId, campaign => Count(campaign, "total") == 2, "both selected");
        await EnrolAsync(registerId, emails[second], ["call-recordings"], collectedAt: Clock.GetUtcNow());
        var done = await WaitUntilAsync(campaignId, "completed");

        Assert.Equal(2, Count(done, "processed"));
        Assert.Equal([people[first]], await ItemsAsync(campaignId, "erased"));
        Assert.Equal([people[second]], await ItemsAsync(campaignId, "skipped"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await Gateway.ClientFor("admin").GetAsync($"/v1/subjects/{people[first]}")).StatusCode);
        Assert.Equal([people[second]], (await Gateway.ClientFor("admin").GetFromJsonAsync<JsonObject>($"/v1/registers/{registerId}/members"))!["items"]!
            .AsArray().Select(m => m!["subjectId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Retention_expired_needs_a_register_and_no_other_selector()
    {
        var noRegister = await Operator.PostAsJsonAsync("/v1/campaigns", new { kind = "erasure", selector = new { retentionExpired = true } });
        var twoSelectors = await Operator.PostAsJsonAsync("/v1/campaigns", new
        {
            kind = "register-purge", registerId = "pk-terveys-customers", selector = new { retentionExpired = true, inactiveSince = Clock.GetUtcNow() },
        });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, noRegister.StatusCode);
        Assert.Equal("application/problem+json", noRegister.Content.Headers.ContentType?.MediaType);
        Assert.NotNull((await noRegister.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["registerId"]);
        Assert.NotNull((await twoSelectors.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["selector"]);
    }
}

[Collection(PostgresCollection3.Name)]
public sealed class PostgresRetentionCampaignTests(PostgresClusterFixture postgres) : RetentionCampaignTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteRetentionCampaignTests : RetentionCampaignTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
