using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PrivacyLedger.Gateway.Tests.OfficerConsole;

/// <summary>Data the console tests look at, put in through the API as the backend systems would.</summary>
public sealed class ConsoleSeed(GatewayFactory gateway)
{
    /// <summary>A sample register without legal holds on its contact data.</summary>
    public const string Corporate = "plusterveys-corporate";

    /// <summary>A register of this test's own whose data lives in an external system: its erasure task awaits confirmation.</summary>
    public async Task<(string RegisterId, string Category)> ExternalRegisterAsync()
    {
        var registerId = $"ext-{Guid.NewGuid():N}"[..16];
        var admin = gateway.ClientFor("admin");
        var definition = (await admin.GetFromJsonAsync<JsonObject>($"/v1/registers/{Corporate}"))!["definition"]!.DeepClone().AsObject();
        definition["id"] = registerId;
        definition["categories"]![0]!["external"] = true;
        var response = await admin.PutAsJsonAsync($"/v1/registers/{registerId}", definition);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (registerId, definition["categories"]![0]!["id"]!.GetValue<string>());
    }

    public async Task<string> EnrolAsync(string registerId, string category)
    {
        var email = $"person-{Guid.NewGuid():N}@example.fi";
        var response = await gateway.ClientFor("service").PostAsJsonAsync($"/v1/registers/{registerId}/members", new
        {
            identifiers = new object[] { new { kind = "email", value = email }, new { kind = "hetu", value = TestHetu.Next() } },
            contact = new { givenName = "Maija", familyName = "Meikäläinen", email },
            categories = new[] { new { id = category } },
            source = "customer-service",
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
    }

    /// <summary>A request received <paramref name="daysAgo"/> days ago (past its one-month deadline from about 32 days).</summary>
    public async Task<string> RequestAsync(string type, string subjectId, int daysAgo, string[]? registers = null)
    {
        var body = new JsonObject
        {
            ["type"] = type, ["subject"] = new JsonObject { ["subjectId"] = subjectId }, ["channel"] = "email",
            ["receivedAt"] = DateTimeOffset.UtcNow.AddDays(-daysAgo),
        };
        if (registers is not null)
        {
            body["registers"] = new JsonArray([.. registers.Select(r => JsonValue.Create(r))]);
        }
        var response = await gateway.ClientFor("service").PostAsJsonAsync("/v1/requests", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["requestId"]!.GetValue<string>();
    }

    public async Task<JsonObject> VerifyAsync(string requestId)
    {
        var response = await gateway.ClientFor("privacy-officer").PostAsJsonAsync($"/v1/requests/{requestId}/verification",
            new { method = "signed-letter", verifiedBy = "officer-anna" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<JsonObject> GetAsync(string requestId) =>
        (await gateway.ClientFor("privacy-officer").GetFromJsonAsync<JsonObject>($"/v1/requests/{requestId}"))!;
}
