using System.Buffers.Text;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Jose;
using PrivacyLedger.Ledger.Receipts;
using PrivacyLedger.Ledger.Requests;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// The receipt-signing keys through the real gateway, on both engines (<see cref="PostgresReceiptKeysTests"/>,
/// <see cref="SqliteReceiptKeysTests"/>): the published JWK Set, the start-up check, and a receipt verified by an
/// implementation that is not ours (Python's cryptography, Interop/verify_receipt.py).
/// </summary>
public abstract class ReceiptKeysTests : GatewayTestBase
{
    private const string JwksPath = "/.well-known/privacy-ledger/jwks.json";

    [Fact]
    public async Task The_JWK_Set_publishes_the_configured_public_key_without_an_API_key()
    {
        var response = await Gateway.CreateClient().GetAsync(JwksPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/jwk-set+json", response.Content.Headers.ContentType?.MediaType);
        var key = Assert.Single(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["keys"]!.AsArray())!.AsObject();
        Assert.Equal(GatewayFactory.TestSigningKid, key["kid"]!.GetValue<string>());
        Assert.Equal("EC", key["kty"]!.GetValue<string>());
        Assert.Equal("P-256", key["crv"]!.GetValue<string>());
        Assert.Equal("ES256", key["alg"]!.GetValue<string>());
        Assert.Equal("sig", key["use"]!.GetValue<string>());
        Assert.Equal(32, Base64Url.DecodeFromChars(key["x"]!.GetValue<string>()).Length);
        Assert.Equal(32, Base64Url.DecodeFromChars(key["y"]!.GetValue<string>()).Length);
        // The public half only.
        Assert.Equal(["alg", "crv", "kid", "kty", "use", "x", "y"], key.Select(property => property.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task After_a_rotation_the_new_key_signs_and_the_old_one_stays_published()
    {
        using var next = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        await using var rotated = new GatewayFactory(StorageSettings().Concat(new Dictionary<string, string?>
        {
            ["Ledger:SigningKeys:1:Kid"] = "test-receipts-2",
            ["Ledger:SigningKeys:1:PrivateKey"] = next.ExportPkcs8PrivateKeyPem(),
        }).ToDictionary());

        var jwks = JsonWebKeySet.Parse(await rotated.CreateClient().GetStringAsync(JwksPath));
        var receipt = rotated.Services.GetRequiredService<ReceiptSigner>().Sign(SampleReceipt());

        Assert.Equal([GatewayFactory.TestSigningKid, "test-receipts-2"], jwks.Keys.Select(key => key.Kid));
        var verification = CompactJws.Verify(receipt, jwks.Find);
        Assert.True(verification.IsValid, verification.Message);
        Assert.Equal("test-receipts-2", verification.Kid);
    }

    [Fact]
    public async Task A_signing_key_that_is_not_a_key_stops_the_gateway_at_start_up_naming_it_and_how_to_make_one()
    {
        await using var broken = new GatewayFactory(StorageSettings().Concat(new Dictionary<string, string?>
        {
            ["Ledger:SigningKeys:0:PrivateKey"] = "bm90LWEta2V5",
        }).ToDictionary());

        var exception = Assert.ThrowsAny<Exception>(() => broken.CreateClient());

        var message = Flatten(exception);
        Assert.Contains("Ledger:SigningKeys:0.PrivateKey", message, StringComparison.Ordinal);
        Assert.Contains($"'{GatewayFactory.TestSigningKid}'", message, StringComparison.Ordinal);
        Assert.Contains("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256", message, StringComparison.Ordinal);
        Assert.DoesNotContain("bm90LWEta2V5", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receipt_signed_by_the_gateway_verifies_with_Python_cryptography_against_the_served_JWK_Set_and_a_tampered_copy_does_not()
    {
        var receipt = Gateway.Services.GetRequiredService<ReceiptSigner>().Sign(SampleReceipt());
        var jwks = await Gateway.CreateClient().GetStringAsync(JwksPath);
        using var receiptFile = new TempFile(receipt);
        using var jwksFile = new TempFile(jwks);
        var parts = receipt.Split('.');
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!;
        payload["registers"]![0]!["outcome"] = "erased";
        using var tamperedFile = new TempFile($"{parts[0]}.{Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}");

        var valid = await PythonReceiptVerifier.RunAsync(receiptFile.Path, jwksFile.Path);
        var tampered = await PythonReceiptVerifier.RunAsync(tamperedFile.Path, jwksFile.Path);

        Assert.True(valid.ExitCode == 0, $"the independent verifier rejected our receipt: {valid.Error}");
        var verified = JsonNode.Parse(valid.Output)!;
        Assert.Equal(GatewayFactory.TestSigningKid, verified["header"]!["kid"]!.GetValue<string>());
        Assert.Equal(RequestReceipt.JwsType, verified["header"]!["typ"]!.GetValue<string>());
        Assert.Equal("req-interop", verified["payload"]!["requestId"]!.GetValue<string>());
        Assert.Equal("held", verified["payload"]!["registers"]![0]!["outcome"]!.GetValue<string>());
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("bad signature", tampered.Error, StringComparison.Ordinal);
    }

    private static RequestReceipt SampleReceipt()
    {
        var at = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        var view = new RequestView("req-interop", RequestType.Erasure, "subject-interop", RequestStatus.PartiallyCompleted, RequestChannel.Web,
            at, at.AddMonths(1), false, new Fee(false, null), new Verification(VerificationMethod.StrongElectronicIdentification, "officer", at.AddHours(1)), null, null,
            [new RightsTask("perhelaakarit-customers", "erase", RightsTaskStatus.Held, at.AddYears(6), "billing: accounting (Kirjanpitolaki 2:10)")],
            [], [], "");
        return ReceiptBuilder.Build(view, new string('a', 64), at.AddDays(2), "privacy-ledger-test", at.AddDays(2));
    }

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " | " + Flatten(exception.InnerException);
}

[Collection(PostgresCollection2.Name)]
public sealed class PostgresReceiptKeysTests(PostgresClusterFixture postgres, ClassGateway shared) : ReceiptKeysTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteReceiptKeysTests(ClassGateway shared) : ReceiptKeysTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
