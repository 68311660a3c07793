using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>What campaign tests do through the gateway: fresh registers, enrolments, starting and following campaigns.</summary>
public abstract class CampaignTestBase : GatewayTestBase
{
    protected HttpClient Operator => Gateway.ClientFor("campaign-operator");

    /// <summary>A copy of a sample register under a fresh id, so counts are this test's own; through <paramref name="gateway"/> when given.</summary>
    protected async Task<string> NewRegisterAsync(string template = "plusterveys-corporate", GatewayFactory? gateway = null)
    {
        var registerId = $"c-{Guid.NewGuid():N}"[..18];
        var admin = (gateway ?? Gateway).ClientFor("admin");
        var definition = (await admin.GetFromJsonAsync<JsonObject>($"/v1/registers/{template}"))!["definition"]!.DeepClone().AsObject();
        definition["id"] = registerId;
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/v1/registers/{registerId}", definition)).StatusCode);
        return registerId;
    }

    protected async Task<List<string>> EnrolManyAsync(string registerId, int count, string category = "contact-person", DateTimeOffset? lastActivityAt = null, DateTimeOffset? collectedAt = null, GatewayFactory? gateway = null) =>
        [.. await Task.WhenAll(Enumerable.Range(0, count).Select(_ => EnrolAsync(registerId, $"p-{Guid.NewGuid():N}@example.fi", [category], lastActivityAt, collectedAt, gateway)))];

    /// <summary>Enrols (or, for a known e-mail address, enrols again) one person; returns the subject id.</summary>
    protected async Task<string> EnrolAsync(string registerId, string email, IEnumerable<string> categories, DateTimeOffset? lastActivityAt = null, DateTimeOffset? collectedAt = null, GatewayFactory? gateway = null)
    {
        var response = await (gateway ?? Gateway).ClientFor("service").PostAsJsonAsync($"/v1/registers/{registerId}/members", new
        {
            identifiers = new[] { new { kind = "email", value = email } },
            categories = categories.Select(id => new { id, collectedAt }),
            lastActivityAt,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
    }

    protected async Task<string> StartAsync(object body, HttpClient? client = null)
    {
        var response = await (client ?? Operator).PostAsJsonAsync("/v1/campaigns", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["campaignId"]!.GetValue<string>();
    }

    protected async Task<JsonObject> StatusAsync(string campaignId, HttpClient? client = null) =>
        (await (client ?? Operator).GetFromJsonAsync<JsonObject>($"/v1/campaigns/{campaignId}"))!;

    /// <summary>Called at every poll while waiting for a campaign; a test on a manual clock moves the clock here.</summary>
    protected virtual void OnPoll()
    {
    }

    protected Task<JsonObject> WaitUntilAsync(string campaignId, string status, int seconds = 30) =>
        WaitForAsync(campaignId, campaign => campaign["status"]!.GetValue<string>() == status, $"status {status}", seconds);

    protected async Task<JsonObject> WaitForAsync(string campaignId, Func<JsonObject, bool> condition, string what, int seconds = 30)
    {
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            OnPoll();
            return condition(await StatusAsync(campaignId));
        }, TimeSpan.FromSeconds(seconds)), $"campaign did not reach {what}: {(await StatusAsync(campaignId)).ToJsonString()}");
        return await StatusAsync(campaignId);
    }

    protected async Task<int> MemberCountAsync(string registerId)
    {
        var page = await Gateway.ClientFor("admin").GetFromJsonAsync<JsonObject>($"/v1/registers/{registerId}/members?limit=1000");
        return page!["items"]!.AsArray().Count;
    }

    protected async Task<List<string>> ItemsAsync(string campaignId, string? status = null)
    {
        var page = await Operator.GetFromJsonAsync<JsonObject>($"/v1/campaigns/{campaignId}/items?limit=1000{(status is null ? "" : $"&status={status}")}");
        return [.. page!["items"]!.AsArray().Select(i => i!["subjectId"]!.GetValue<string>())];
    }

    protected static long Count(JsonObject campaign, string field) => campaign[field]!.GetValue<long>();
}

/// <summary>
/// Campaign tests on a manual clock: a campaign's turns are timer turns, so they run only as polls move the
/// clock by <see cref="PollStep"/>. Retention sweeps are pushed out of the way.
/// </summary>
public abstract class ManualClockCampaignTestBase : CampaignTestBase
{
    protected ManualTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected TimeSpan PollStep { get; set; } = TimeSpan.FromMilliseconds(100);

    protected override void ConfigureServices(IServiceCollection services) => services.AddKeyedSingleton<TimeProvider>(Ledger.LedgerClock.Key, Clock);

    protected override void OnPoll() => Clock.Advance(PollStep);

    protected override IReadOnlyDictionary<string, string?> ExtraSettings() => new Dictionary<string, string?>
    {
        ["Ledger:RetentionSweepInterval"] = "3650.00:00:00",
    };
}
