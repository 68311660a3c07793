using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// Members and open rights requests per register (the console's registers chart): members counted by storage, open
/// requests from the set the request grains keep, a request leaving it as it ends; on both engines.
/// </summary>
public abstract class RegisterStatisticsTests : CampaignTestBase
{
    [Fact]
    public async Task Members_and_open_requests_are_counted_per_register_and_a_finished_request_leaves_the_count()
    {
        var registerId = await NewRegisterAsync();
        var empty = await NewRegisterAsync();
        var people = await EnrolManyAsync(registerId, 3);
        var service = Gateway.ClientFor("service");
        var officer = Gateway.ClientFor("privacy-officer");
        // Received and naming the register; received naming none (so every register the person is in); refused.
        var access = await CreateRequestAsync(service, new { type = "access", channel = "web", subject = new { subjectId = people[0] }, registers = new[] { registerId } });
        await CreateRequestAsync(service, new { type = "erasure", channel = "email", subject = new { subjectId = people[1] } });
        var refused = await CreateRequestAsync(service, new { type = "access", channel = "web", subject = new { subjectId = people[2] } });
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/v1/requests/{refused}/refusal", new { reason = "excessive", explanation = "The same request a fourth time this month." })).StatusCode);
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var statistics = ActivatorUtilities.CreateInstance<RegisterStatistics>(Gateway.Services, clock);

        var counts = await statistics.CountAsync();

        Assert.Equal(new RegisterCounts(registerId, 3, 2), counts.Single(c => c.RegisterId == registerId));
        Assert.Equal(new RegisterCounts(empty, 0, 0), counts.Single(c => c.RegisterId == empty));

        // The access request, verified, completes and is no longer open; the counts are kept for a few seconds.
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/v1/requests/{access}/verification", new { method = "in-person", verifiedBy = "officer" })).StatusCode);
        Assert.True(await Eventually.TrueAsync(async () =>
            (await officer.GetFromJsonAsync<JsonObject>($"/v1/requests/{access}"))!["status"]!.GetValue<string>() == "completed", TimeSpan.FromSeconds(20)));
        Assert.Equal(2, (await statistics.CountAsync()).Single(c => c.RegisterId == registerId).OpenRequests);
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(new RegisterCounts(registerId, 3, 1), (await statistics.CountAsync()).Single(c => c.RegisterId == registerId));
    }

    private static async Task<string> CreateRequestAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/v1/requests", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["requestId"]!.GetValue<string>();
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresRegisterStatisticsTests(PostgresClusterFixture postgres) : RegisterStatisticsTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteRegisterStatisticsTests : RegisterStatisticsTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
