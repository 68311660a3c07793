using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrivacyLedger.Jose;

/// <summary>An RFC 7517/7518 public key of type EC on P-256, as published in the JWK Set.</summary>
public sealed record EcJsonWebKey(
    [property: JsonPropertyName("kty")] string Kty,
    [property: JsonPropertyName("crv")] string Crv,
    [property: JsonPropertyName("x")] string X,
    [property: JsonPropertyName("y")] string Y,
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("alg")] string? Alg = CompactJws.Algorithm,
    [property: JsonPropertyName("use")] string? Use = "sig")
{
    public const string P256 = "P-256";

    /// <summary>The public half of <paramref name="key"/>, which must be a P-256 key.</summary>
    public static EcJsonWebKey FromKey(ECDsa key, string kid)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return new EcJsonWebKey("EC", P256, Base64Url.EncodeToString(parameters.Q.X), Base64Url.EncodeToString(parameters.Q.Y), kid);
    }

    /// <summary>The key to verify with; <see cref="FormatException"/> when this is not an ES256 P-256 key.</summary>
    public ECDsa ToPublicKey()
    {
        if (Kty != "EC" || Crv != P256 || (Alg is not null && Alg != CompactJws.Algorithm) || string.IsNullOrEmpty(X) || string.IsNullOrEmpty(Y))
        {
            throw new FormatException($"key '{Kid}' is {Kty}/{Crv}/{Alg ?? "no alg"}, not an EC/{P256}/{CompactJws.Algorithm} key with x and y");
        }
        try
        {
            return ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = Base64Url.DecodeFromChars(X), Y = Base64Url.DecodeFromChars(Y) },
            });
        }
        catch (CryptographicException exception)
        {
            throw new FormatException($"key '{Kid}' is not a point on {P256}", exception);
        }
    }
}

/// <summary>An RFC 7517 JWK Set: <c>{"keys":[...]}</c>.</summary>
public sealed record JsonWebKeySet([property: JsonPropertyName("keys")] IReadOnlyList<EcJsonWebKey> Keys)
{
    /// <summary>Reads a JWK Set; keys of other types than EC are skipped, as RFC 7517 §5 asks of keys a reader does not understand.</summary>
    public static JsonWebKeySet Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("not a JWK Set: no \"keys\" array");
        }
        var ec = new List<EcJsonWebKey>();
        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind == JsonValueKind.Object && key.TryGetProperty("kty", out var kty) && kty.ValueEquals("EC"))
            {
                ec.Add(key.Deserialize<EcJsonWebKey>() ?? throw new FormatException("a key of the JWK Set is empty"));
            }
        }
        return new JsonWebKeySet(ec);
    }

    /// <summary>The published key under <paramref name="kid"/>, or null.</summary>
    public ECDsa? Find(string kid) => Keys.FirstOrDefault(key => key.Kid == kid)?.ToPublicKey();
}
