using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using PrivacyLedger.Jose;

namespace PrivacyLedger.Ledger.Tests.Receipts;

public sealed class CompactJwsTests : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose()
    {
        _key.Dispose();
        _other.Dispose();
    }

    private ECDsa? Published(string kid) => kid == "k1" ? _key : null;

    private string Sign(string payload = """{"requestId":"r1","outcome":"erased"}""") => CompactJws.Sign(Encoding.UTF8.GetBytes(payload), _key, "k1", "test+jws");

    [Fact]
    public void A_signed_payload_verifies_and_comes_back_unchanged()
    {
        var token = Sign();

        var result = CompactJws.Verify(token, Published);

        Assert.Equal(JwsOutcome.Valid, result.Outcome);
        Assert.Equal("k1", result.Kid);
        Assert.Equal("""{"requestId":"r1","outcome":"erased"}""", Encoding.UTF8.GetString(result.Payload!));
        var header = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.Split('.')[0]));
        Assert.Equal("""{"alg":"ES256","kid":"k1","typ":"test+jws"}""", header);
        // r||s, 32 bytes each (RFC 7518 §3.4), not DER.
        Assert.Equal(64, Base64Url.DecodeFromChars(token.Split('.')[2]).Length);
    }

    [Fact]
    public void A_changed_payload_fails_as_a_bad_signature_saying_the_receipt_was_altered()
    {
        var parts = Sign().Split('.');
        var tampered = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes("""{"requestId":"r1","outcome":"held"}"""))}.{parts[2]}";

        var result = CompactJws.Verify(tampered, Published);

        Assert.Equal(JwsOutcome.BadSignature, result.Outcome);
        Assert.Contains("altered after signing", result.Message, StringComparison.Ordinal);
        Assert.Contains("'k1'", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_header_fails_as_a_bad_signature()
    {
        var parts = Sign().Split('.');
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("""{"alg":"ES256","kid":"k1","typ":"other+jws"}"""));

        var result = CompactJws.Verify($"{header}.{parts[1]}.{parts[2]}", Published);

        Assert.Equal(JwsOutcome.BadSignature, result.Outcome);
    }

    [Fact]
    public void A_changed_signature_fails_as_a_bad_signature()
    {
        var parts = Sign().Split('.');
        var signature = Base64Url.DecodeFromChars(parts[2]);
        signature[10] ^= 0x01;

        Assert.Equal(JwsOutcome.BadSignature, CompactJws.Verify($"{parts[0]}.{parts[1]}.{Base64Url.EncodeToString(signature)}", Published).Outcome);
        Assert.Equal(JwsOutcome.BadSignature, CompactJws.Verify($"{parts[0]}.{parts[1]}.{Base64Url.EncodeToString(signature[..32])}", Published).Outcome);
    }

    [Fact]
    public void A_signature_by_another_key_under_a_published_kid_fails_as_a_bad_signature()
    {
        var forged = CompactJws.Sign("{}"u8, _other, "k1", "test+jws");

        Assert.Equal(JwsOutcome.BadSignature, CompactJws.Verify(forged, Published).Outcome);
    }

    [Fact]
    public void A_kid_nobody_published_fails_as_an_unknown_key_naming_it()
    {
        var token = CompactJws.Sign("{}"u8, _other, "k-rogue", "test+jws");

        var result = CompactJws.Verify(token, Published);

        Assert.Equal(JwsOutcome.UnknownKey, result.Outcome);
        Assert.Equal("signed with key 'k-rogue', which is not among the published keys", result.Message);
    }

    [Theory]
    [InlineData("", "three non-empty base64url parts")]
    [InlineData("a.b", "three non-empty base64url parts")]
    [InlineData("a..c", "three non-empty base64url parts")]
    [InlineData("!!!.e30.AAAA", "header is not base64url-encoded JSON")]
    [InlineData("bm90IGpzb24.e30.AAAA", "header is not base64url-encoded JSON")]
    public void Something_that_is_not_a_compact_JWS_is_malformed(string token, string message)
    {
        var result = CompactJws.Verify(token, Published);

        Assert.Equal(JwsOutcome.Malformed, result.Outcome);
        Assert.Contains(message, result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"alg":"none","kid":"k1"}""", "alg is \"none\"; only ES256")]
    [InlineData("""{"alg":"HS256","kid":"k1"}""", "only ES256")]
    [InlineData("""{"kid":"k1"}""", "alg is missing")]
    [InlineData("""{"alg":"ES256"}""", "names no key (kid)")]
    [InlineData("""{"alg":"ES256","kid":"k1","crit":["exp"]}""", "critical extensions")]
    public void A_header_without_ES256_and_a_kid_is_malformed_whatever_the_signature(string header, string message)
    {
        var parts = Sign().Split('.');

        var result = CompactJws.Verify($"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header))}.{parts[1]}.{parts[2]}", Published);

        Assert.Equal(JwsOutcome.Malformed, result.Outcome);
        Assert.Contains(message, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_published_JWK_round_trips_to_the_same_public_key()
    {
        var jwk = EcJsonWebKey.FromKey(_key, "k1");
        var set = JsonWebKeySet.Parse($$"""{"keys":[{"kty":"RSA","kid":"rsa","n":"AQAB","e":"AQAB"},{{System.Text.Json.JsonSerializer.Serialize(jwk)}}]}""");

        var result = CompactJws.Verify(Sign(), set.Find);

        Assert.Equal(JwsOutcome.Valid, result.Outcome);
        Assert.Equal(["k1"], set.Keys.Select(key => key.Kid));
        Assert.Throws<FormatException>(() => (jwk with { Crv = "P-384" }).ToPublicKey());
        Assert.Throws<FormatException>(() => JsonWebKeySet.Parse("""{"key":[]}"""));
    }
}
