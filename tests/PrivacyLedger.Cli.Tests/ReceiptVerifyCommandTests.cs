using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PrivacyLedger.Cli.Receipts;
using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Jose;

namespace PrivacyLedger.Cli.Tests;

public sealed class ReceiptVerifyCommandTests : IDisposable
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-12-01T10:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture);
    // A real three-event chain: each hash is the ledger's own over the event's fields.
    private static readonly string First = HashOf(1, LedgerEvent.GenesisHash);
    private static readonly string Head = HashOf(2, First);
    private static readonly string Third = HashOf(3, Head);

    private static string HashOf(long seq, string prevHash) => LedgerEvent.ComputeHash(seq, At, "t", "a", null, null, "c2VhbGVk", prevHash);

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly List<TempFile> _files = [];

    public void Dispose()
    {
        _key.Dispose();
        _files.ForEach(file => file.Dispose());
    }

    private string FileWith(string content)
    {
        var file = new TempFile(".json", content);
        _files.Add(file);
        return file.Path;
    }

    private string Jwks() => JsonSerializer.Serialize(new JsonWebKeySet([EcJsonWebKey.FromKey(_key, "k1")]));

    private static string Payload(string? head = null) =>
        $$"""{"version":1,"issuer":"ledger.example.fi","issuedAt":"2026-12-01T10:00:00+00:00","requestId":"req-1","type":"erasure","subjectId":"s1","status":"partially-completed","registers":[{"registerId":"a","action":"erase","outcome":"erased"},{"registerId":"b","action":"erase","outcome":"held","heldUntil":"2032-01-01T00:00:00+00:00","legalBasis":"billing: accounting"}],"recipientsNotified":[],"ledgerHead":"{{head ?? Head}}"}""";

    private string Receipt(string payload, ECDsa? key = null, string kid = "k1") =>
        FileWith(CompactJws.Sign(Encoding.UTF8.GetBytes(payload), key ?? _key, kid, "privacy-ledger-receipt+jws"));

    private static string Event(long seq, string prevHash, string hash) =>
        $$"""{"seq":{{seq}},"at":"2026-12-01T10:00:00+00:00","type":"t","actor":"a","data":null,"prevHash":"{{prevHash}}","hash":"{{hash}}","sealedData":"c2VhbGVk","shredded":true}""";

    private static FakeGateway NoGateway() => new(_ => FakeGateway.Refuse());

    [Fact]
    public async Task A_valid_receipt_says_so_with_what_it_states()
    {
        var run = await CliRunner.RunAsync(NoGateway(), "receipt", "verify", Receipt(Payload()), "--jwks", FileWith(Jwks()));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"""
            valid: receipt for request req-1 (erasure, partially-completed) issued by ledger.example.fi at 2026-12-01T10:00:00+00:00, signed with key 'k1'
              a: erase → erased
              b: erase → held (heldUntil 2032-01-01T00:00:00+00:00, legalBasis billing: accounting)
              ledger head {Head}

            """, run.Output);
    }

    [Fact]
    public async Task By_default_the_keys_come_from_the_gateway_without_sending_the_API_key()
    {
        var gateway = new FakeGateway(request => request.Uri.AbsolutePath == "/base/.well-known/privacy-ledger/jwks.json"
            ? FakeGateway.Json(HttpStatusCode.OK, Jwks())
            : new HttpResponseMessage(HttpStatusCode.NotFound));

        var run = await CliRunner.RunAsync(gateway, "receipt", "verify", Receipt(Payload()), "--gateway", "http://ledger.test/base");

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        var seen = Assert.Single(gateway.Requests);
        Assert.Equal("http://ledger.test/base/.well-known/privacy-ledger/jwks.json", seen.Uri.AbsoluteUri);
        Assert.Null(seen.ApiKey);
    }

    [Fact]
    public async Task The_keys_can_come_from_a_URL()
    {
        var gateway = new FakeGateway(request => FakeGateway.Json(HttpStatusCode.OK, Jwks()));

        var run = await CliRunner.RunAsync(gateway, "receipt", "verify", Receipt(Payload()), "--jwks", "https://keys.example.fi/jwks.json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("https://keys.example.fi/jwks.json", Assert.Single(gateway.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task An_altered_receipt_fails_with_exit_code_11()
    {
        var parts = File.ReadAllText(Receipt(Payload())).Split('.');
        var altered = Payload().Replace("\"outcome\":\"held\"", "\"outcome\":\"erased\"", StringComparison.Ordinal);
        var tampered = FileWith($"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(altered))}.{parts[2]}");

        var run = await CliRunner.RunAsync(NoGateway(), "receipt", "verify", tampered, "--jwks", FileWith(Jwks()));

        Assert.Equal(ReceiptExitCodes.BadSignature, run.ExitCode);
        Assert.StartsWith("INVALID SIGNATURE: the signature does not match the header and payload under key 'k1': the receipt was altered after signing", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receipt_signed_by_a_key_nobody_published_fails_with_exit_code_12()
    {
        using var rogue = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var run = await CliRunner.RunAsync(NoGateway(), "receipt", "verify", Receipt(Payload(), rogue, "rogue"), "--jwks", FileWith(Jwks()));

        Assert.Equal(ReceiptExitCodes.UnknownKey, run.ExitCode);
        Assert.Equal("UNKNOWN KEY: signed with key 'rogue', which is not among the published keys (published: k1)\n", run.Output);
    }

    [Theory]
    [InlineData("not a receipt", "MALFORMED: not a compact JWS")]
    [InlineData("eyJhbGciOiJub25lIn0.e30.AAAA", "MALFORMED: the header's alg is \"none\"; only ES256 is accepted")]
    public async Task Something_that_is_not_a_receipt_fails_with_exit_code_10(string content, string message)
    {
        var run = await CliRunner.RunAsync(NoGateway(), "receipt", "verify", FileWith(content), "--jwks", FileWith(Jwks()));

        Assert.Equal(ReceiptExitCodes.Malformed, run.ExitCode);
        Assert.StartsWith(message, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_payload_that_is_not_a_receipt_is_malformed()
    {
        var run = await CliRunner.RunAsync(NoGateway(), "receipt", "verify", Receipt("""{"hello":"world"}"""), "--jwks", FileWith(Jwks()));

        Assert.Equal(ReceiptExitCodes.Malformed, run.ExitCode);
        Assert.StartsWith("MALFORMED: the payload is not a receipt", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_ledger_export_the_head_is_found_in_a_chain_given_as_overlapping_concatenated_pages()
    {
        var ledger = FileWith(
            $$"""{"items":[{{Event(1, LedgerEvent.GenesisHash, First)}},{{Event(2, First, Head)}}],"next":2}""" + "\n"
            + $$"""{"items":[{{Event(2, First, Head)}},{{Event(3, Head, Third)}}],"next":null}""");

        var run = await CliRunner.RunAsync(NoGateway(), "receipt", "verify", Receipt(Payload()), "--jwks", FileWith(Jwks()), "--ledger", ledger);

        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith("ledger: the head is event 2 of 3, in a chain whose every hash was recomputed and links from the first event\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_head_that_is_not_in_the_ledger_fails_with_exit_code_13()
    {
        // A sound chain of two events, but another one: its second event is not the receipt's head.
        var otherSecond = LedgerEvent.ComputeHash(2, At, "u", "a", null, null, "c2VhbGVk", First);
        var ledger = FileWith($"[{Event(1, LedgerEvent.GenesisHash, First)},{Event(2, First, otherSecond).Replace("\"type\":\"t\"", "\"type\":\"u\"", StringComparison.Ordinal)}]");

        var run = await CliRunner.RunAsync(NoGateway(), "receipt", "verify", Receipt(Payload()), "--jwks", FileWith(Jwks()), "--ledger", ledger);

        Assert.Equal(ReceiptExitCodes.HeadNotInLedger, run.ExitCode);
        Assert.Contains("NOT IN LEDGER: the receipt's head is none of the 2 events", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing", "INVALID LEDGER: event 2 is missing")]
    [InlineData("relinked", "INVALID LEDGER: event 2 does not link to the event before it")]
    [InlineData("not-from-genesis", "INVALID LEDGER: the export starts at event 2, not at the first event (1)")]
    [InlineData("altered", "INVALID LEDGER: event 2's hash is not the hash of its contents (it was altered)")]
    public async Task A_ledger_export_whose_chain_does_not_link_fails_with_exit_code_3(string fault, string message)
    {
        var events = fault switch
        {
            "missing" => new[] { Event(1, LedgerEvent.GenesisHash, First), Event(3, Head, Third) },
            "relinked" => [Event(1, LedgerEvent.GenesisHash, First), Event(2, Third, HashOf(2, Third))],
            "altered" => [Event(1, LedgerEvent.GenesisHash, First), Event(2, First, Head).Replace("\"type\":\"t\"", "\"type\":\"u\"", StringComparison.Ordinal)],
            _ => [Event(2, First, Head), Event(3, Head, Third)],
        };

        var run = await CliRunner.RunAsync(NoGateway(), "receipt", "verify", Receipt(Payload()), "--jwks", FileWith(Jwks()), "--ledger", FileWith(string.Join("\n", events)));

        Assert.Equal(ExitCodes.LedgerInvalid, run.ExitCode);
        Assert.Contains(message, run.Output, StringComparison.Ordinal);
    }
}
