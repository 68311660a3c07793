using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace PrivacyLedger.Gateway.Grpc;

/// <summary>
/// A gRPC address or certificate that cannot work stops the gateway at start-up naming the key, rather than at the
/// moment Kestrel binds (a stack trace) or at a client's first TLS handshake. Messages never show the password.
/// </summary>
internal sealed class GrpcSettingsValidator : IValidateOptions<GrpcSettings>
{
    public ValidateOptionsResult Validate(string? name, GrpcSettings settings)
    {
        if (!settings.Enabled)
        {
            return ValidateOptionsResult.Success;
        }
        if (!TryParse(settings.Url!, out _))
        {
            return ValidateOptionsResult.Fail(
                "Grpc:Url must be an http:// (h2c) or https:// (TLS) address with a port, e.g. http://127.0.0.1:5081, or empty to turn gRPC off.");
        }
        if (!settings.UsesTls)
        {
            return ValidateOptionsResult.Success;
        }
        if (string.IsNullOrWhiteSpace(settings.Certificate.Path))
        {
            return ValidateOptionsResult.Fail("Grpc:Certificate:Path must name a PKCS#12 (.pfx) certificate file when Grpc:Url is https://.");
        }
        if (!File.Exists(settings.Certificate.Path))
        {
            return ValidateOptionsResult.Fail("Grpc:Certificate:Path names a file that does not exist.");
        }
        try
        {
            using var certificate = LoadCertificate(settings.Certificate);
            return certificate.HasPrivateKey
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("Grpc:Certificate:Path holds a certificate without its private key; TLS needs both.");
        }
        catch (CryptographicException)
        {
            return ValidateOptionsResult.Fail("Grpc:Certificate:Path could not be read as a PKCS#12 certificate with Grpc:Certificate:Password.");
        }
    }

    public static X509Certificate2 LoadCertificate(GrpcSettings.CertificateSettings certificate) =>
        X509CertificateLoader.LoadPkcs12FromFile(certificate.Path!, certificate.Password);

    /// <summary>An http or https address with an explicit port, as Kestrel binds it.</summary>
    public static bool TryParse(string url, out BindingAddress address)
    {
        address = null!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.IsDefaultPort && !url.Contains(":" + uri.Port, StringComparison.Ordinal))
        {
            return false;
        }
        try
        {
            address = BindingAddress.Parse(url);
            return address.Port is > 0 and <= 65535 && !address.IsUnixPipe;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
