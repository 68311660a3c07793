using System.Security.Cryptography;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PrivacyLedger.Jose;
using PrivacyLedger.Ledger.Receipts;

namespace PrivacyLedger.Ledger.Tests.Receipts;

public sealed class ReceiptSigningOptionsValidatorTests
{
    private static string NewPkcs8Pem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    private static string NewPkcs8Base64()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Convert.ToBase64String(key.ExportPkcs8PrivateKey());
    }

    private static ReceiptSigningOptions Keys(params SigningKeyOptions[] keys) => new() { SigningKeys = [.. keys] };

    private static ValidateOptionsResult Validate(string environment, ReceiptSigningOptions options) =>
        new ReceiptSigningOptionsValidator(new Environment(environment)).Validate(null, options);

    [Fact]
    public void Production_without_keys_fails_saying_how_to_generate_one()
    {
        var result = Validate("Production", Keys());

        Assert.True(result.Failed);
        Assert.Contains("Ledger:SigningKeys is empty", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Staging")]
    public void Other_environments_need_keys_too(string environment) => Assert.True(Validate(environment, Keys()).Failed);

    [Fact]
    public void Testing_without_keys_signs_with_a_key_generated_for_the_process()
    {
        Assert.True(Validate("Testing", Keys()).Succeeded);
        using var keys = new ReceiptKeys(Options.Create(Keys()), new Environment("Testing"));

        Assert.StartsWith("testing-", keys.SigningKid, StringComparison.Ordinal);
        Assert.Equal([keys.SigningKid], keys.Published.Keys.Select(key => key.Kid));
    }

    [Fact]
    public void PEM_and_base64_DER_keys_are_accepted_and_the_last_one_signs()
    {
        var options = Keys(new SigningKeyOptions { Kid = "2026-01", PrivateKey = NewPkcs8Pem() }, new SigningKeyOptions { Kid = "2026-07", PrivateKey = NewPkcs8Base64() });

        Assert.True(Validate("Production", options).Succeeded, Validate("Production", options).FailureMessage);
        using var keys = new ReceiptKeys(Options.Create(options), new Environment("Production"));
        Assert.Equal("2026-07", keys.SigningKid);
        Assert.Equal(["2026-01", "2026-07"], keys.Published.Keys.Select(key => key.Kid));
    }

    [Fact]
    public void The_key_marked_active_signs_and_a_retired_key_may_be_public_only()
    {
        using var retired = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var options = Keys(
            new SigningKeyOptions { Kid = "old", PublicKey = retired.ExportSubjectPublicKeyInfoPem() },
            new SigningKeyOptions { Kid = "current", PrivateKey = NewPkcs8Pem(), Active = true },
            new SigningKeyOptions { Kid = "next", PrivateKey = NewPkcs8Pem() });

        Assert.True(Validate("Production", options).Succeeded, Validate("Production", options).FailureMessage);
        using var keys = new ReceiptKeys(Options.Create(options), new Environment("Production"));
        Assert.Equal("current", keys.SigningKid);
        var receipt = CompactJws.Sign("{}"u8, retired, "old", "t");
        Assert.True(CompactJws.Verify(receipt, keys.Published.Find).IsValid);
    }

    [Fact]
    public void Each_faulty_key_is_named_with_what_is_wrong_and_no_key_material()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var rsa = RSA.Create();
        var options = Keys(
            new SigningKeyOptions { Kid = "", PrivateKey = NewPkcs8Pem() },
            new SigningKeyOptions { Kid = "garbage", PrivateKey = "c2VjcmV0LWJ1dC1ub3QtYS1rZXk=" },
            new SigningKeyOptions { Kid = "p384", PrivateKey = p384.ExportPkcs8PrivateKeyPem() },
            new SigningKeyOptions { Kid = "rsa", PrivateKey = rsa.ExportPkcs8PrivateKeyPem() },
            new SigningKeyOptions { Kid = "p384", PrivateKey = NewPkcs8Pem(), Active = true },
            new SigningKeyOptions { Kid = "both", PrivateKey = NewPkcs8Pem(), PublicKey = "x", Active = true },
            new SigningKeyOptions { Kid = "last-public", PublicKey = p384.ExportSubjectPublicKeyInfoPem() });

        var failures = Validate("Production", options).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("Ledger:SigningKeys:0:Kid must be", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Ledger:SigningKeys:1.PrivateKey: key 'garbage' is not an EC private key", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Ledger:SigningKeys:2: key 'p384' is not on the P-256 curve", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Ledger:SigningKeys:3.PrivateKey: key 'rsa'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Ledger:SigningKeys:4:Kid 'p384' is used by an earlier key", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Ledger:SigningKeys:5: give PrivateKey or PublicKey, not both", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("keys 'p384', 'both' are all marked Active", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("c2VjcmV0", StringComparison.Ordinal) || f.Contains("BEGIN", StringComparison.Ordinal));
    }

    [Fact]
    public void The_key_that_signs_needs_its_private_half()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var options = Keys(new SigningKeyOptions { Kid = "a", PrivateKey = NewPkcs8Pem() }, new SigningKeyOptions { Kid = "b", PublicKey = key.ExportSubjectPublicKeyInfoPem() });

        Assert.Equal("Ledger:SigningKeys: key 'b' signs new receipts (the last key) but has no PrivateKey.", Assert.Single(Validate("Production", options).Failures!));
    }

    [Fact]
    public void The_development_key_is_refused_in_Production()
    {
        var options = Keys(new SigningKeyOptions { Kid = "development-only-receipts", PrivateKey = NewPkcs8Pem() });

        Assert.True(Validate("Development", options).Succeeded);
        Assert.Contains("is the development key", Assert.Single(Validate("Production", options).Failures!), StringComparison.Ordinal);
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "tests";
        public string ContentRootPath { get; set; } = "";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
