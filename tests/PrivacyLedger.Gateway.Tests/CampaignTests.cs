using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Storage;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// Bulk deletion campaigns through the gateway, on both engines (<see cref="PostgresCampaignTests"/>,
/// <see cref="SqliteCampaignTests"/>). Each test works in a register of its own.
/// </summary>
public abstract class CampaignTests : CampaignTestBase
{
    private const string Billing = "perhelaakarit-customers"; // billing under a ten-year legal hold

    [Fact]
    public async Task A_dry_run_counts_and_samples_without_changing_anything()
    {
        var registerId = await NewRegisterAsync();
        await EnrolManyAsync(registerId, 8, lastActivityAt: DateTimeOffset.UtcNow.AddYears(-9));
        await EnrolManyAsync(registerId, 4, lastActivityAt: DateTimeOffset.UtcNow.AddDays(-3));

        var campaignId = await StartAsync(new { kind = "register-purge", registerId, selector = new { inactiveSince = DateTimeOffset.UtcNow.AddYears(-5) }, dryRun = true });
        var done = await WaitUntilAsync(campaignId, "completed");

        Assert.True(done["dryRun"]!.GetValue<bool>());
        Assert.Equal(8, Count(done, "total"));
        Assert.Equal(0, Count(done, "processed"));
        Assert.Equal(8, done["sample"]!.AsArray().Count);
        Assert.Equal(12, await MemberCountAsync(registerId));
    }

    [Fact]
    public async Task A_dry_run_over_listed_subject_ids_changes_nothing_either()
    {
        var registerId = await NewRegisterAsync();
        var people = await EnrolManyAsync(registerId, 5);

        var campaignId = await StartAsync(new { kind = "erasure", selector = new { subjectIds = people }, dryRun = true });
        var done = await WaitUntilAsync(campaignId, "completed");

        Assert.Equal(5, Count(done, "total"));
        Assert.Equal(0, Count(done, "processed"));
        Assert.Equal(0, Count(done, "erased"));
        Assert.Equal(5, await MemberCountAsync(registerId));
        Assert.Equal(people.Order(StringComparer.Ordinal), await ItemsAsync(campaignId, "selected"));
    }

    [Fact]
    public async Task A_campaign_that_does_not_say_dryRun_false_is_a_dry_run_and_its_answer_says_which_it_is()
    {
        var registerId = await NewRegisterAsync();
        var people = await EnrolManyAsync(registerId, 3);

        var unsaid = await Operator.PostAsJsonAsync("/v1/campaigns", new { kind = "register-purge", registerId, selector = new { subjectIds = people } });
        var real = await Operator.PostAsJsonAsync("/v1/campaigns", new { kind = "register-purge", registerId, selector = new { subjectIds = people.Take(1) }, dryRun = false });

        Assert.Equal(HttpStatusCode.Created, unsaid.StatusCode);
        var dry = (await unsaid.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(dry["dryRun"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Created, real.StatusCode);
        var started = (await real.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.False(started["dryRun"]!.GetValue<bool>());
        var done = await WaitUntilAsync(dry["campaignId"]!.GetValue<string>(), "completed");
        Assert.True(done["dryRun"]!.GetValue<bool>());
        Assert.Equal(3, Count(done, "total"));
        Assert.Equal(0, Count(done, "erased"));
        await WaitUntilAsync(started["campaignId"]!.GetValue<string>(), "completed");
        Assert.Equal(2, await MemberCountAsync(registerId));
    }

    [Fact]
    public async Task A_campaign_that_has_ended_cannot_be_paused_resumed_or_cancelled_and_the_answer_names_its_state()
    {
        var registerId = await NewRegisterAsync();
        var people = await EnrolManyAsync(registerId, 2);
        var completed = await StartAsync(new { kind = "erasure", selector = new { subjectIds = people }, dryRun = true });
        await WaitUntilAsync(completed, "completed");

        foreach (var change in new[] { "pause", "resume", "cancel" })
        {
            var response = await Operator.PostAsync($"/v1/campaigns/{completed}/{change}", null);
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains("is completed", (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        Assert.Equal("completed", (await StatusAsync(completed))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Repeating_a_change_already_made_changes_nothing_but_a_cancelled_campaign_cannot_be_paused_or_resumed()
    {
        var registerId = await NewRegisterAsync();
        var people = await EnrolManyAsync(registerId, 20);
        var campaignId = await StartAsync(new { kind = "erasure", selector = new { subjectIds = people }, maxPerSecond = 1, dryRun = false });

        async Task<(HttpStatusCode Status, JsonObject Body)> ChangeAsync(string change)
        {
            var response = await Operator.PostAsync($"/v1/campaigns/{campaignId}/{change}", null);
            return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
        }

        var resumedRunning = await ChangeAsync("resume");
        var paused = await ChangeAsync("pause");
        var pausedAgain = await ChangeAsync("pause");
        var cancelled = await ChangeAsync("cancel");
        var cancelledAgain = await ChangeAsync("cancel");
        var resumedCancelled = await ChangeAsync("resume");
        var pausedCancelled = await ChangeAsync("pause");

        Assert.Equal((HttpStatusCode.OK, "running"), (resumedRunning.Status, resumedRunning.Body["status"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.OK, "paused"), (paused.Status, paused.Body["status"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.OK, "paused"), (pausedAgain.Status, pausedAgain.Body["status"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.OK, "cancelled"), (cancelled.Status, cancelled.Body["status"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.OK, "cancelled"), (cancelledAgain.Status, cancelledAgain.Body["status"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Conflict, resumedCancelled.Status);
        Assert.Contains("is cancelled", resumedCancelled.Body["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, pausedCancelled.Status);
        Assert.Contains("is cancelled", pausedCancelled.Body["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_register_purge_removes_the_inactive_from_the_register_and_accounts_for_each_once()
    {
        var registerId = await NewRegisterAsync();
        var inactive = await EnrolManyAsync(registerId, 25, lastActivityAt: DateTimeOffset.UtcNow.AddYears(-9));
        var active = await EnrolManyAsync(registerId, 5, lastActivityAt: DateTimeOffset.UtcNow);
        // One of the inactive is in another register too: the purge leaves that membership alone.
        var alsoElsewhere = inactive[0];
        var other = await NewRegisterAsync();
        var subject = await Gateway.ClientFor("admin").GetFromJsonAsync<JsonObject>($"/v1/subjects/{alsoElsewhere}");
        await Gateway.ClientFor("service").PostAsJsonAsync($"/v1/registers/{other}/members", new { identifiers = new[] { new { kind = "email", value = subject!["identifiers"]![0]!["value"]!.GetValue<string>() } } });
        var erasedEmail = (await Gateway.ClientFor("admin").GetFromJsonAsync<JsonObject>($"/v1/subjects/{inactive[1]}"))!["identifiers"]![0]!["value"]!.GetValue<string>();

        var campaignId = await StartAsync(new { kind = "register-purge", registerId, selector = new { inactiveSince = DateTimeOffset.UtcNow.AddYears(-5) }, dryRun = false });
        var done = await WaitUntilAsync(campaignId, "completed");

        Assert.Equal(25, Count(done, "total"));
        Assert.Equal(25, Count(done, "processed"));
        Assert.Equal(25, Count(done, "erased"));
        Assert.Equal(5, await MemberCountAsync(registerId));
        var items = await Operator.GetFromJsonAsync<JsonObject>($"/v1/campaigns/{campaignId}/items?limit=1000");
        Assert.Equal(inactive.Order(StringComparer.Ordinal), items!["items"]!.AsArray().Select(i => i!["subjectId"]!.GetValue<string>()));
        Assert.All(items["items"]!.AsArray(), i => Assert.Equal("erased", i!["status"]!.GetValue<string>()));
        var survivor = await Gateway.ClientFor("admin").GetFromJsonAsync<JsonObject>($"/v1/subjects/{alsoElsewhere}");
        Assert.Equal([other], survivor!["memberships"]!.AsArray().Select(m => m!["registerId"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, (await Gateway.ClientFor("admin").GetAsync($"/v1/subjects/{inactive[1]}")).StatusCode);
        Assert.True((await Gateway.ClientFor("admin").GetFromJsonAsync<JsonObject>($"/v1/subjects/{inactive[1]}/ledger/verification"))!["valid"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await Gateway.ClientFor("admin").GetAsync($"/v1/subjects/{active[0]}")).StatusCode);
        // The erasure's commit took the data key and the identifier hash with it: the e-mail address now makes a new person.
        var vault = Gateway.Services.GetRequiredService<DataKeyVault>();
        Assert.Null(await vault.TryGetAsync(inactive[1]));
        Assert.NotNull(await vault.TryGetAsync(alsoElsewhere));
        Assert.NotEqual(inactive[1], await EnrolAsync(other, erasedEmail, []));
    }

    [Fact]
    public async Task A_purge_that_erases_the_person_records_the_membership_erased_without_data_one_that_leaves_them_keeps_it_readable()
    {
        var registerId = await NewRegisterAsync();
        var other = await NewRegisterAsync();
        var erasedEmail = $"p-{Guid.NewGuid():N}@example.fi";
        var keptEmail = $"p-{Guid.NewGuid():N}@example.fi";
        var erased = await EnrolAsync(registerId, erasedEmail, ["contact-person"]);
        var kept = await EnrolAsync(registerId, keptEmail, ["contact-person"]);
        Assert.Equal(kept, await EnrolAsync(other, keptEmail, ["contact-person"]));

        var campaignId = await StartAsync(new { kind = "register-purge", registerId, selector = new { inactiveSince = DateTimeOffset.UtcNow.AddDays(1) }, dryRun = false });
        var done = await WaitUntilAsync(campaignId, "completed");
        Assert.Equal(2, Count(done, "erased"));

        // Sealed under the key this same commit destroys, the data could never be opened: the event is recorded without it.
        var erasedLedger = await LedgerAsync(erased);
        Assert.Equal(["membership.erased", "subject.erased"], erasedLedger.TakeLast(2).Select(e => e["type"]!.GetValue<string>()));
        var erasedMembership = erasedLedger[^2];
        Assert.Equal(registerId, erasedMembership["registerId"]!.GetValue<string>());
        Assert.Null(erasedMembership["sealedData"]);
        Assert.False(erasedMembership["shredded"]!.GetValue<bool>());
        Assert.True((await Gateway.ClientFor("admin").GetFromJsonAsync<JsonObject>($"/v1/subjects/{erased}/ledger/verification"))!["valid"]!.GetValue<bool>());

        // The person still in another register keeps the key: the event's data is sealed and reads back.
        var keptMembership = (await LedgerAsync(kept)).Last(e => e["type"]!.GetValue<string>() == "membership.erased");
        Assert.NotNull(keptMembership["sealedData"]);
        Assert.Equal(["contact-person"], keptMembership["data"]!["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    private async Task<List<JsonObject>> LedgerAsync(string subjectId) =>
        [.. (await Gateway.ClientFor("admin").GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger?limit=1000"))!["items"]!.AsArray().Select(e => e!.AsObject())];

    [Fact]
    public async Task The_throttle_holds()
    {
        var registerId = await NewRegisterAsync();
        var people = await EnrolManyAsync(registerId, 30);
        var watch = Stopwatch.StartNew();

        var campaignId = await StartAsync(new { kind = "erasure", selector = new { subjectIds = people }, maxPerSecond = 10, dryRun = false });
        var done = await WaitUntilAsync(campaignId, "completed");

        // 30 people at 10 a second: three chunks, each at least a second apart from the next.
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(2), $"30 people at 10/s took {watch.Elapsed}");
        Assert.Equal(30, Count(done, "erased"));
        // The rate shown counts each chunk's whole turn, its commit included: never above the cap.
        Assert.InRange(done["ratePerSecond"]!.GetValue<double>(), 0.1, 10);
    }

    [Fact]
    public async Task A_paused_campaign_does_nothing_until_resumed()
    {
        var registerId = await NewRegisterAsync();
        var people = await EnrolManyAsync(registerId, 20);
        var campaignId = await StartAsync(new { kind = "erasure", selector = new { subjectIds = people }, maxPerSecond = 4, dryRun = false });
        Assert.True(await Eventually.TrueAsync(async () => Count(await StatusAsync(campaignId), "processed") > 0));

        var paused = await (await Operator.PostAsync($"/v1/campaigns/{campaignId}/pause", null)).Content.ReadFromJsonAsync<JsonObject>();
        await Task.Delay(1_500);
        var later = await StatusAsync(campaignId);

        Assert.Equal("paused", paused!["status"]!.GetValue<string>());
        Assert.Equal(Count(paused, "processed"), Count(later, "processed"));
        Assert.True(Count(later, "processed") < 20);
        await Operator.PostAsync($"/v1/campaigns/{campaignId}/resume", null);
        var done = await WaitUntilAsync(campaignId, "completed");
        Assert.Equal(20, Count(done, "erased"));
    }

    [Fact]
    public async Task Legal_holds_inside_a_campaign_keep_the_held_data_and_count_the_person_held()
    {
        var people = await EnrolManyAsync(Billing, 3, category: "billing");
        var registerId = await NewRegisterAsync();
        var free = await EnrolManyAsync(registerId, 2);

        var campaignId = await StartAsync(new { kind = "erasure", selector = new { subjectIds = people.Concat(free).Append("no-such-subject").ToList() }, dryRun = false });
        var done = await WaitUntilAsync(campaignId, "completed");

        Assert.Equal(6, Count(done, "total"));
        Assert.Equal(3, Count(done, "held"));
        Assert.Equal(2, Count(done, "erased"));
        Assert.Equal(1, Count(done, "skipped"));
        var held = await Operator.GetFromJsonAsync<JsonObject>($"/v1/campaigns/{campaignId}/items?status=held");
        Assert.All(held!["items"]!.AsArray(), i => Assert.Contains("held until", i!["note"]!.GetValue<string>()));
        var subject = await Gateway.ClientFor("admin").GetFromJsonAsync<JsonObject>($"/v1/subjects/{people[0]}");
        Assert.Equal(Billing, subject!["restrictions"]![0]!["registerId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_subject_list_too_long_for_a_json_body_is_uploaded_as_a_file()
    {
        var registerId = await NewRegisterAsync();
        var people = await EnrolManyAsync(registerId, 10);
        // Over 1 MiB in all: far more ids than a JSON body may carry, most of them of nobody.
        var unknown = Enumerable.Range(0, 40_000).Select(i => $"unknown-{i:D6}-{Guid.NewGuid():N}");
        var file = string.Join("\n", people.Concat(unknown).Append(people[0]));
        Assert.True(file.Length > 1024 * 1024);

        var uploaded = await Operator.PostAsync("/v1/campaigns/uploads", new StringContent(file, System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var upload = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(40_010, upload["count"]!.GetValue<long>());
        var campaignId = await StartAsync(new { kind = "erasure", selector = new { subjectIdsUpload = upload["uploadId"]!.GetValue<string>() }, dryRun = true });
        var done = await WaitUntilAsync(campaignId, "completed");
        Assert.Equal(40_010, Count(done, "total"));
        Assert.Equal(10, await MemberCountAsync(registerId));
        var badLine = await Operator.PostAsync("/v1/campaigns/uploads", new StringContent("ok-id\nnot an id!\n", System.Text.Encoding.UTF8, "text/plain"));
        Assert.NotNull((await badLine.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["line 2"]);
    }

    [Fact]
    public async Task Bad_campaigns_are_refused_naming_the_field()
    {
        var missingRegister = await Operator.PostAsJsonAsync("/v1/campaigns", new { kind = "register-purge", selector = new { subjectIds = new[] { "x" } } });
        var noSelector = await Operator.PostAsJsonAsync("/v1/campaigns", new { kind = "erasure", selector = new { } });
        var forbidden = await Gateway.ClientFor("service").PostAsJsonAsync("/v1/campaigns", new { kind = "erasure", selector = new { subjectIds = new[] { "x" } } });

        Assert.NotNull((await missingRegister.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["registerId"]);
        Assert.NotNull((await noSelector.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["selector"]);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Operator.GetAsync("/v1/campaigns/nope")).StatusCode);
    }
}

[Collection(PostgresCollection2.Name)]
public sealed class PostgresCampaignTests(PostgresClusterFixture postgres, ClassGateway shared) : CampaignTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteCampaignTests(ClassGateway shared) : CampaignTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
