namespace PrivacyLedger.Gateway.Grpc;

/// <summary>
/// Where the gRPC API listens (<c>Grpc:*</c>): its own address beside the HTTP/JSON one, HTTP/2 only. <c>http://</c>
/// serves h2c (HTTP/2 without TLS), <c>https://</c> TLS with <see cref="Certificate"/>; an empty <see cref="Url"/>
/// turns gRPC off.
/// </summary>
public sealed class GrpcSettings
{
    public const string Section = "Grpc";

    public const string DefaultUrl = "http://127.0.0.1:5081";

    public string? Url { get; set; } = DefaultUrl;

    public CertificateSettings Certificate { get; set; } = new();

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    public bool UsesTls => Enabled && Url!.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>A PKCS#12 (.pfx) file and its password, for an <c>https://</c> <see cref="Url"/>.</summary>
    public sealed class CertificateSettings
    {
        public string? Path { get; set; }

        public string? Password { get; set; }
    }
}
