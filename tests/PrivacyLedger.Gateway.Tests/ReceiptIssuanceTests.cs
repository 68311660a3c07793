using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PrivacyLedger.Jose;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// Every final rights request gets a signed receipt, through the real gateway on both engines
/// (<see cref="PostgresReceiptIssuanceTests"/>, <see cref="SqliteReceiptIssuanceTests"/>).
/// </summary>
public abstract class ReceiptIssuanceTests : GatewayTestBase
{
    private const string Corporate = "plusterveys-corporate";     // no legal hold on contact-person data
    private const string Perhelaakarit = "perhelaakarit-customers"; // billing under a legal hold
    private readonly string _hetu = TestHetu.Next();

    private HttpClient Officer => Gateway.ClientFor("privacy-officer");

    private async Task<string> EnrolAsync(string givenName, params (string Register, string Category)[] memberships)
    {
        var email = $"person-{Guid.NewGuid():N}@example.fi";
        string? subjectId = null;
        foreach (var (register, category) in memberships)
        {
            var response = await Gateway.ClientFor("service").PostAsJsonAsync($"/v1/registers/{register}/members", new
            {
                identifiers = new object[] { new { kind = "email", value = email }, new { kind = "hetu", value = _hetu } },
                contact = new { givenName, familyName = "Meikäläinen", email },
                categories = new[] { new { id = category, collectedAt = DateTimeOffset.UtcNow.AddDays(-1) } },
                source = "customer-service",
            });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            subjectId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
        }
        return subjectId!;
    }

    private async Task<string> RequestAsync(string type, string subjectId, string[]? registers = null)
    {
        var response = await Gateway.ClientFor("service").PostAsJsonAsync("/v1/requests", new { type, subject = new { subjectId }, channel = "web", registers });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["requestId"]!.GetValue<string>();
    }

    private async Task<JsonObject> VerifyAsync(string requestId)
    {
        var response = await Officer.PostAsJsonAsync($"/v1/requests/{requestId}/verification", new { method = "strong-electronic-identification", verifiedBy = "officer-anna" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>The receipt as served, checked against the served JWK Set, and its payload.</summary>
    private async Task<JsonObject> ReceiptAsync(string requestId)
    {
        var response = await Officer.GetAsync($"/v1/requests/{requestId}/receipt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/jose", response.Content.Headers.ContentType?.MediaType);
        var token = await response.Content.ReadAsStringAsync();
        var keys = JsonWebKeySet.Parse(await Gateway.CreateClient().GetStringAsync("/.well-known/privacy-ledger/jwks.json"));
        var verification = CompactJws.Verify(token, keys.Find);
        Assert.True(verification.IsValid, verification.Message);
        Assert.Equal(GatewayFactory.TestSigningKid, verification.Kid);
        return JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]))!.AsObject();
    }

    [Fact]
    public async Task A_completed_erasure_has_a_signed_receipt_naming_the_ledger_head_that_outlives_the_persons_data()
    {
        var subjectId = await EnrolAsync("Receiptina", (Corporate, "contact-person"));
        var requestId = await RequestAsync("erasure", subjectId);

        var verified = await VerifyAsync(requestId);
        var receipt = await ReceiptAsync(requestId);

        Assert.Equal("completed", verified["status"]!.GetValue<string>());
        Assert.Equal(requestId, receipt["requestId"]!.GetValue<string>());
        Assert.Equal("erasure", receipt["type"]!.GetValue<string>());
        Assert.Equal(subjectId, receipt["subjectId"]!.GetValue<string>());
        Assert.Equal("completed", receipt["status"]!.GetValue<string>());
        Assert.Equal("""[{"registerId":"plusterveys-corporate","action":"erase","outcome":"erased"}]""", receipt["registers"]!.ToJsonString());
        // The ledger records the receipt right after the head the receipt names, and stays readable after the erasure.
        var ledger = (await Officer.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger?limit=1000"))!["items"]!.AsArray();
        var issued = ledger.Single(e => e!["type"]!.GetValue<string>() == "request.receipt-issued")!;
        Assert.Equal(requestId, issued["requestId"]!.GetValue<string>());
        Assert.Equal(receipt["ledgerHead"]!.GetValue<string>(), issued["prevHash"]!.GetValue<string>());
        Assert.Contains(ledger, e => e!["hash"]!.GetValue<string>() == receipt["ledgerHead"]!.GetValue<string>());
        Assert.True((await Gateway.ClientFor("admin").GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger/verification"))!["valid"]!.GetValue<bool>());
        var text = receipt.ToJsonString();
        Assert.DoesNotContain("Receiptina", text, StringComparison.Ordinal);
        Assert.DoesNotContain(_hetu, text, StringComparison.Ordinal);
        Assert.DoesNotContain("officer-anna", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_served_receipt_verifies_with_Python_cryptography_against_the_served_keys()
    {
        var subjectId = await EnrolAsync("Pythonia", (Corporate, "contact-person"));
        var requestId = await RequestAsync("erasure", subjectId);
        await VerifyAsync(requestId);

        using var receipt = new TempFile(await Officer.GetStringAsync($"/v1/requests/{requestId}/receipt"));
        using var keys = new TempFile(await Gateway.CreateClient().GetStringAsync("/.well-known/privacy-ledger/jwks.json"));
        var verified = await PythonReceiptVerifier.RunAsync(receipt.Path, keys.Path);

        Assert.True(verified.ExitCode == 0, $"the independent verifier rejected the gateway's receipt: {verified.Error}");
        var payload = JsonNode.Parse(verified.Output)!["payload"]!;
        Assert.Equal(requestId, payload["requestId"]!.GetValue<string>());
        Assert.Equal("erased", payload["registers"]![0]!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_erasure_that_found_nothing_to_erase_has_a_receipt_saying_so()
    {
        var subjectId = await EnrolAsync("Nobodyhere", (Corporate, "contact-person"));
        var requestId = await RequestAsync("erasure", subjectId, [Perhelaakarit]);

        await VerifyAsync(requestId);
        var receipt = await ReceiptAsync(requestId);

        Assert.Equal("completed", receipt["status"]!.GetValue<string>());
        Assert.Equal("nothing-to-erase", receipt["outcome"]!.GetValue<string>());
        // The person is in none of the registers named: no register had a part to play.
        Assert.Empty(receipt["registers"]!.AsArray());
    }

    [Fact]
    public async Task An_erasure_held_under_a_legal_hold_has_a_receipt_saying_until_when_and_why()
    {
        var subjectId = await EnrolAsync("Heldina", (Corporate, "contact-person"), (Perhelaakarit, "billing"));
        var requestId = await RequestAsync("erasure", subjectId);

        await VerifyAsync(requestId);
        var receipt = await ReceiptAsync(requestId);

        Assert.Equal("partially-completed", receipt["status"]!.GetValue<string>());
        var held = receipt["registers"]!.AsArray().Single(r => r!["registerId"]!.GetValue<string>() == Perhelaakarit)!;
        Assert.Equal("held", held["outcome"]!.GetValue<string>());
        Assert.Contains("billing", held["legalBasis"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(held["heldUntil"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddYears(5));
    }

    [Fact]
    public async Task A_refused_request_has_a_receipt_with_the_reason_code_and_not_the_explanation()
    {
        var subjectId = await EnrolAsync("Refusa", (Corporate, "contact-person"));
        var requestId = await RequestAsync("erasure", subjectId);

        var refused = await Officer.PostAsJsonAsync($"/v1/requests/{requestId}/refusal", new { reason = "manifestly-unfounded", explanation = "Refusa asked the same thing forty times" });
        var receipt = await ReceiptAsync(requestId);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("refused", receipt["status"]!.GetValue<string>());
        Assert.Equal("manifestly-unfounded", receipt["refusal"]!["reason"]!.GetValue<string>());
        Assert.DoesNotContain("forty", receipt.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_still_open_has_no_receipt_yet_and_an_unknown_one_none_at_all()
    {
        var subjectId = await EnrolAsync("Waiting", (Corporate, "contact-person"));
        var requestId = await RequestAsync("erasure", subjectId);

        var open = await Officer.GetAsync($"/v1/requests/{requestId}/receipt");
        var unknown = await Officer.GetAsync($"/v1/requests/{Guid.NewGuid():N}/receipt");

        Assert.Equal(HttpStatusCode.Conflict, open.StatusCode);
        Assert.Contains("a receipt is issued when it is completed", await open.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}

[Collection(PostgresCollection3.Name)]
public sealed class PostgresReceiptIssuanceTests(PostgresClusterFixture postgres, ClassGateway shared) : ReceiptIssuanceTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteReceiptIssuanceTests(ClassGateway shared) : ReceiptIssuanceTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
