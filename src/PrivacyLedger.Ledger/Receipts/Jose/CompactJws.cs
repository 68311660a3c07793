using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PrivacyLedger.Jose;

/// <summary>
/// RFC 7515 compact JWS with ES256 only (ECDSA P-256, SHA-256, signature r||s as RFC 7518 §3.4 requires):
/// <c>base64url(header).base64url(payload).base64url(signature)</c>. Small on purpose: one algorithm, no
/// <c>crit</c>, no embedded keys, so a verifier cannot be talked into trusting a key or algorithm the token names.
/// </summary>
/// <remarks>This file is compiled into the domain (signing) and into the CLI (verifying): one implementation, no package.</remarks>
public static class CompactJws
{
    public const string Algorithm = "ES256";

    private const int SignatureLength = 64;

    // A JWS is never embedded in HTML: '+' in a typ such as "x+jws" stays '+', not \u002B.
    private static readonly JsonSerializerOptions HeaderJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Signs <paramref name="payload"/> with <paramref name="key"/> (a P-256 private key) under <paramref name="kid"/>.</summary>
    public static string Sign(ReadOnlySpan<byte> payload, ECDsa key, string kid, string type)
    {
        var header = new JsonObject { ["alg"] = Algorithm, ["kid"] = kid, ["typ"] = type };
        var signingInput = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString(HeaderJson))) + "." + Base64Url.EncodeToString(payload);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>
    /// Checks a compact JWS: its form, its header (ES256 with a <c>kid</c>), that the key it names is one
    /// <paramref name="findKey"/> knows, and the signature over header and payload.
    /// </summary>
    /// <param name="findKey">The public key published under a kid, or null for a kid nobody published.</param>
    public static JwsVerification Verify(string token, Func<string, ECDsa?> findKey)
    {
        var parts = token.Trim().Split('.');
        if (parts.Length != 3 || parts.Any(part => part.Length == 0))
        {
            return JwsVerification.Malformed("not a compact JWS: expected three non-empty base64url parts separated by dots");
        }
        if (!TryDecode(parts[0], out var headerBytes) || !TryParseObject(headerBytes, out var header))
        {
            return JwsVerification.Malformed("the header is not base64url-encoded JSON");
        }
        if (header["alg"] is not JsonValue alg || alg.GetValueKind() != JsonValueKind.String || alg.GetValue<string>() != Algorithm)
        {
            return JwsVerification.Malformed($"the header's alg is {header["alg"]?.ToJsonString() ?? "missing"}; only {Algorithm} is accepted");
        }
        if (header["kid"] is not JsonValue kidValue || kidValue.GetValueKind() != JsonValueKind.String || kidValue.GetValue<string>() is not { Length: > 0 } kid)
        {
            return JwsVerification.Malformed("the header names no key (kid)");
        }
        if (header.ContainsKey("crit"))
        {
            return JwsVerification.Malformed("the header has critical extensions (crit), which this verifier does not understand");
        }
        if (!TryDecode(parts[1], out var payload))
        {
            return JwsVerification.Malformed("the payload is not base64url");
        }
        if (!TryDecode(parts[2], out var signature))
        {
            return JwsVerification.Malformed("the signature is not base64url");
        }
        var key = findKey(kid);
        if (key is null)
        {
            return new JwsVerification(JwsOutcome.UnknownKey, $"signed with key '{kid}', which is not among the published keys", kid, payload);
        }
        var signingInput = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        var valid = signature.Length == SignatureLength
            && key.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return valid
            ? new JwsVerification(JwsOutcome.Valid, $"signature valid (key '{kid}')", kid, payload)
            : new JwsVerification(JwsOutcome.BadSignature,
                $"the signature does not match the header and payload under key '{kid}': the receipt was altered after signing, or not signed by that key", kid, payload);
    }

    private static bool TryDecode(string part, out byte[] bytes)
    {
        try
        {
            bytes = Base64Url.DecodeFromChars(part);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }

    private static bool TryParseObject(byte[] json, out JsonObject value)
    {
        try
        {
            value = JsonNode.Parse(json) as JsonObject ?? new JsonObject();
            return value.Count > 0;
        }
        catch (JsonException)
        {
            value = new JsonObject();
            return false;
        }
    }
}
