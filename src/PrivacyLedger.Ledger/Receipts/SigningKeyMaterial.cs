using System.Security.Cryptography;

namespace PrivacyLedger.Ledger.Receipts;

/// <summary>Reads a configured signing key into an ECDsa key, refusing anything but P-256. Errors never quote key material.</summary>
internal static class SigningKeyMaterial
{
    public const string GenerateHint =
        "Generate one with `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out receipt-signing.pem` and give the PEM "
        + "(or its base64 DER: `openssl pkcs8 -topk8 -nocrypt -in receipt-signing.pem -outform DER | base64 -w0`) as PrivateKey";

    /// <summary>The key, with its private half when one was configured; <see cref="FormatException"/> naming the field at fault.</summary>
    public static ECDsa Load(SigningKeyOptions options, string field)
    {
        var (text, isPrivate) = (options.PrivateKey, options.PublicKey) switch
        {
            ({ Length: > 0 } privateKey, null or "") => (privateKey, true),
            (null or "", { Length: > 0 } publicKey) => (publicKey, false),
            ({ Length: > 0 }, { Length: > 0 }) => throw new FormatException($"{field}: give PrivateKey or PublicKey, not both (the public key is derived from the private one)."),
            _ => throw new FormatException($"{field}: key '{options.Kid}' has no PrivateKey. {GenerateHint}."),
        };
        var key = ECDsa.Create();
        try
        {
            Import(key, text.Trim(), isPrivate);
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or ArgumentException)
        {
            key.Dispose();
            var expected = isPrivate ? "an EC private key in PKCS#8 PEM or base64 DER" : "an EC public key in SubjectPublicKeyInfo PEM or base64 DER";
            throw new FormatException($"{field}.{(isPrivate ? "PrivateKey" : "PublicKey")}: key '{options.Kid}' is not {expected}. {GenerateHint}.", exception);
        }
        if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid?.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            key.Dispose();
            throw new FormatException($"{field}: key '{options.Kid}' is not on the P-256 curve that ES256 requires. {GenerateHint}.");
        }
        return key;
    }

    private static void Import(ECDsa key, string text, bool isPrivate)
    {
        if (text.StartsWith("-----", StringComparison.Ordinal))
        {
            // Accepts PKCS#8 and SEC1 for a private key, SubjectPublicKeyInfo for a public one; rejects the other kind below.
            key.ImportFromPem(text);
        }
        else if (isPrivate)
        {
            var der = Convert.FromBase64String(text);
            try
            {
                key.ImportPkcs8PrivateKey(der, out _);
            }
            catch (CryptographicException)
            {
                key.ImportECPrivateKey(der, out _);
            }
        }
        else
        {
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(text), out _);
        }
        var hasPrivate = HasPrivateKey(key);
        if (hasPrivate != isPrivate)
        {
            throw new FormatException(isPrivate ? "a public key given as PrivateKey" : "a private key given as PublicKey");
        }
    }

    private static bool HasPrivateKey(ECDsa key)
    {
        try
        {
            return key.ExportParameters(includePrivateParameters: true).D is { Length: > 0 };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
