using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary><c>GET /v1/discovery</c> through the real gateway, on both engines (<see cref="PostgresDiscoveryTests"/>, <see cref="SqliteDiscoveryTests"/>).</summary>
public abstract class DiscoveryTests : GatewayTestBase
{
    [Fact]
    public async Task Discovery_tells_a_client_without_a_key_what_this_deployment_supports()
    {
        var response = await Gateway.CreateClient().GetAsync("/v1/discovery");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("v1", document["apiVersion"]!.GetValue<string>());
        Assert.Equal(["access", "portability", "rectification", "erasure", "restriction", "objection", "consent-withdrawal"], Strings(document["requestTypes"]));
        Assert.Equal(["email", "phone", "hetu", "customer-number"], Strings(document["identifierKinds"]));
        Assert.Contains("strong-electronic-identification", Strings(document["verificationMethods"]));
        Assert.Contains("in-person", Strings(document["requestChannels"]));
        var corporate = document["registers"]!.AsArray().Single(register => register!["id"]!.GetValue<string>() == "plusterveys-corporate")!;
        Assert.Equal("PlusTerveiden yritysasiakas- ja markkinointirekisteri", corporate["name"]!["fi"]!.GetValue<string>());
        Assert.Equal("PlusTerveys företagskund- och marknadsföringsregister", corporate["name"]!["sv"]!.GetValue<string>());
        Assert.Equal("PlusTerveys corporate-customer and marketing register", corporate["name"]!["en"]!.GetValue<string>());
        Assert.Equal(4, document["registers"]!.AsArray().Count);
        Assert.Equal(1, document["deadlines"]!["responseMonths"]!.GetValue<int>());
        Assert.Equal(2, document["deadlines"]!["maxExtensionMonths"]!.GetValue<int>());
        Assert.Equal("http://localhost/.well-known/privacy-ledger/jwks.json", document["receipts"]!["jwksUri"]!.GetValue<string>());
        Assert.Equal("ES256", document["receipts"]!["algorithm"]!.GetValue<string>());
        Assert.Equal(["completed", "partially-completed", "refused"], Strings(document["receipts"]!["issuedFor"]));
        // No gRPC endpoint configured: none announced.
        Assert.False(document.ContainsKey("grpc"));
    }

    [Fact]
    public async Task Discovery_announces_the_gRPC_endpoint_when_one_is_configured()
    {
        // http: an https:// address would need Grpc:Certificate:Path to start (GrpcSettingsValidator).
        await using var gateway = new GatewayFactory(StorageSettings().Append(new("Grpc:Url", "http://ledger.example.fi:5443")).ToDictionary());

        var document = (await gateway.CreateClient().GetFromJsonAsync<JsonObject>("/v1/discovery"))!;

        Assert.Equal("http://ledger.example.fi:5443", document["grpc"]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Discovery_holds_nothing_of_the_people_enrolled()
    {
        var email = $"person-{Guid.NewGuid():N}@example.fi";
        var enrolment = await Gateway.ClientFor("service").PostAsJsonAsync("/v1/registers/plusterveys-corporate/members", new
        {
            identifiers = new object[] { new { kind = "email", value = email } },
            contact = new { givenName = "Maija", familyName = "Discoverable", email },
            categories = new[] { new { id = "contact-person" } },
            source = "customer-service",
        });
        Assert.True(enrolment.IsSuccessStatusCode, await enrolment.Content.ReadAsStringAsync());
        var subjectId = (await enrolment.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();

        var body = await Gateway.CreateClient().GetStringAsync("/v1/discovery");

        Assert.DoesNotContain(email, body, StringComparison.Ordinal);
        Assert.DoesNotContain("Discoverable", body, StringComparison.Ordinal);
        Assert.DoesNotContain(subjectId, body, StringComparison.Ordinal);
    }

    private static List<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(item => item!.GetValue<string>())];
}

[Collection(PostgresCollection3.Name)]
public sealed class PostgresDiscoveryTests(PostgresClusterFixture postgres, ClassGateway shared) : DiscoveryTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteDiscoveryTests(ClassGateway shared) : DiscoveryTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
