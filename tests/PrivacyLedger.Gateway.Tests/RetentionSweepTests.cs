using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>R5 on a manual clock, through the gateway, on both engines.</summary>
public abstract class RetentionSweepTests : GatewayTestBase
{
    private const string PkTerveys = "pk-terveys-customers"; // call recordings 30 days, feedback 5 years

    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddKeyedSingleton<TimeProvider>(Ledger.LedgerClock.Key, _clock);

    // The daily sweep would run by itself as the clock moves days ahead; these tests run their sweeps by hand.
    protected override IReadOnlyDictionary<string, string?> ExtraSettings() => new Dictionary<string, string?>
    {
        ["Ledger:RetentionSweepInterval"] = "3650.00:00:00",
    };

    private async Task<JsonObject> SweepAsync(bool dryRun)
    {
        var response = await Gateway.ClientFor("campaign-operator").PostAsJsonAsync("/v1/retention/sweeps", new { dryRun, registerId = PkTerveys });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>A new person in pk-terveys with a call recording (30 days) and feedback (5 years); returns the subject id.</summary>
    private async Task<string> EnrolCallerAsync()
    {
        var enrolled = await Gateway.ClientFor("service").PostAsJsonAsync($"/v1/registers/{PkTerveys}/members", new
        {
            identifiers = new[] { new { kind = "email", value = $"caller-{Guid.NewGuid():N}@example.fi" } },
            categories = new[] { new { id = "call-recordings" }, new { id = "feedback" } },
        });
        return (await enrolled.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
    }

    private async Task<IReadOnlyList<string>> CategoriesAsync(string subjectId)
    {
        var subject = await Gateway.ClientFor("admin").GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}");
        return [.. subject!["memberships"]![0]!["categories"]!.AsArray().Select(c => c!["id"]!.GetValue<string>())];
    }

    [Fact]
    public async Task R5_a_sweep_removes_30_day_call_recordings_after_30_days_and_keeps_5_year_feedback()
    {
        var subjectId = await EnrolCallerAsync();

        _clock.Advance(TimeSpan.FromDays(29));
        var early = await SweepAsync(dryRun: false);
        _clock.Advance(TimeSpan.FromDays(2));
        var dryRun = await SweepAsync(dryRun: true);
        var afterDryRun = await CategoriesAsync(subjectId);
        var swept = await SweepAsync(dryRun: false);

        Assert.DoesNotContain(early["expired"]!.AsArray(), e => e!["categoryId"]!.GetValue<string>() == "call-recordings");
        Assert.Contains(dryRun["expired"]!.AsArray(), e => e!["categoryId"]!.GetValue<string>() == "call-recordings");
        Assert.Equal(["call-recordings", "feedback"], afterDryRun);
        Assert.Contains(swept["expired"]!.AsArray(), e => e!["categoryId"]!.GetValue<string>() == "call-recordings");
        Assert.Equal(["feedback"], await CategoriesAsync(subjectId));
        var ledger = await Gateway.ClientFor("admin").GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger");
        var removal = ledger!["items"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "retention.expired")!;
        Assert.Equal(["call-recordings"], removal["data"]!["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("campaign-operator:test-campaign-operator", removal["actor"]!.GetValue<string>());

        _clock.Advance(TimeSpan.FromDays(5 * 366));
        await SweepAsync(dryRun: false);
        Assert.Empty(await CategoriesAsync(subjectId));
    }

    [Fact]
    public async Task A_sweep_that_does_not_say_dryRun_false_is_a_dry_run_and_removes_nothing()
    {
        var subjectId = await EnrolCallerAsync();
        _clock.Advance(TimeSpan.FromDays(31));
        var operatorClient = Gateway.ClientFor("campaign-operator");

        var noBody = await operatorClient.PostAsync("/v1/retention/sweeps", null);
        var noDryRun = await operatorClient.PostAsJsonAsync("/v1/retention/sweeps", new { registerId = PkTerveys });

        foreach (var response in new[] { noBody, noDryRun })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.True(report["dryRun"]!.GetValue<bool>());
            Assert.Contains(report["expired"]!.AsArray(), e => e!["categoryId"]!.GetValue<string>() == "call-recordings");
        }
        Assert.Equal(["call-recordings", "feedback"], await CategoriesAsync(subjectId));
        Assert.False((await SweepAsync(dryRun: false))["dryRun"]!.GetValue<bool>());
        Assert.Equal(["feedback"], await CategoriesAsync(subjectId));
    }
}

[Collection(PostgresCollection4.Name)]
public sealed class PostgresRetentionSweepTests(PostgresClusterFixture postgres) : RetentionSweepTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteRetentionSweepTests : RetentionSweepTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
