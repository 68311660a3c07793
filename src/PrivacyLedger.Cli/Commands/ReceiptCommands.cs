using System.CommandLine;
using PrivacyLedger.Cli.Gateway;
using PrivacyLedger.Cli.Receipts;
using PrivacyLedger.Jose;

namespace PrivacyLedger.Cli.Commands;

/// <summary>
/// <c>receipt verify FILE [--jwks FILE|URL] [--ledger FILE]</c>: checks a rights-request receipt's signature against
/// the published keys and, given the person's ledger export, that the receipt's ledger head is in the chain.
/// </summary>
internal static class ReceiptCommands
{
    public const string JwksPath = ".well-known/privacy-ledger/jwks.json";

    public static Command Create(CliApp app)
    {
        var file = new Argument<FileInfo>("file") { Description = "The receipt: a compact JWS, as GET /v1/requests/{id}/receipt returns it" };
        var jwks = new Option<string?>("--jwks")
        {
            Description = $"The JWK Set to verify with: a file or an http(s) URL (default: the gateway's /{JwksPath})",
            HelpName = "file|url",
        };
        var ledger = new Option<FileInfo?>("--ledger")
        {
            Description = "The person's ledger export (pages of GET /v1/subjects/{id}/ledger, one after another): the receipt's head must be in its chain",
            HelpName = "file",
        };
        var verify = new Command("verify",
            "Verify a receipt; exit codes: 0 valid, 10 malformed, 11 bad signature (altered), 12 unknown key, 13 head not in the ledger, 3 ledger chain broken")
        {
            file, jwks, ledger,
        };
        verify.SetAction((parseResult, cancellationToken) => app.RunAsync(parseResult, cancellationToken, async context =>
        {
            var token = await File.ReadAllTextAsync(parseResult.GetRequiredValue(file).FullName, context.CancellationToken);
            var keys = await LoadKeysAsync(parseResult.GetValue(jwks), context);
            var result = CompactJws.Verify(token, keys.Find);
            switch (result.Outcome)
            {
                case JwsOutcome.Malformed:
                    context.WriteLine($"MALFORMED: {result.Message}");
                    return ReceiptExitCodes.Malformed;
                case JwsOutcome.UnknownKey:
                    context.WriteLine($"UNKNOWN KEY: {result.Message} ({Published(keys)})");
                    return ReceiptExitCodes.UnknownKey;
                case JwsOutcome.BadSignature:
                    context.WriteLine($"INVALID SIGNATURE: {result.Message}");
                    return ReceiptExitCodes.BadSignature;
            }
            ReceiptSummary receipt;
            try
            {
                receipt = ReceiptSummary.Read(result.Payload!);
            }
            catch (FormatException exception)
            {
                context.WriteLine($"MALFORMED: {exception.Message}");
                return ReceiptExitCodes.Malformed;
            }
            context.WriteLine($"valid: receipt for request {receipt.RequestId} ({receipt.Type}, {receipt.Status}) issued by {receipt.Issuer} at {receipt.IssuedAt}, signed with key '{result.Kid}'");
            foreach (var register in receipt.Registers)
            {
                context.WriteLine($"  {register}");
            }
            context.WriteLine($"  ledger head {receipt.LedgerHead}");
            return parseResult.GetValue(ledger) is { } export ? await CheckLedgerAsync(export, receipt.LedgerHead, context) : ExitCodes.Ok;
        }));

        var receipt = new Command("receipt", "Signed receipts of completed rights requests");
        receipt.Subcommands.Add(verify);
        return receipt;
    }

    private static async Task<int> CheckLedgerAsync(FileInfo export, string head, CliContext context)
    {
        var chain = LedgerExport.Check(LedgerExport.Read(await File.ReadAllTextAsync(export.FullName, context.CancellationToken)), head);
        if (!chain.Links)
        {
            context.WriteLine($"INVALID LEDGER: {chain.Problem}");
            return ExitCodes.LedgerInvalid;
        }
        if (chain.HeadSeq is not { } seq)
        {
            context.WriteLine($"NOT IN LEDGER: the receipt's head is none of the {chain.Events} events of {export.Name}");
            return ReceiptExitCodes.HeadNotInLedger;
        }
        context.WriteLine($"ledger: the head is event {seq} of {chain.Events}, in a chain whose every hash was recomputed and links from the first event");
        return ExitCodes.Ok;
    }

    /// <summary>The JWK Set from a file, a URL, or the gateway. No API key is sent: the keys are public, and a URL given may be anyone's.</summary>
    private static async Task<JsonWebKeySet> LoadKeysAsync(string? source, CliContext context)
    {
        var url = source is null ? new Uri(context.Gateway.BaseAddress, JwksPath)
            : Uri.TryCreate(source, UriKind.Absolute, out var given) && given.Scheme is "http" or "https" ? given
            : null;
        var json = url is null
            ? await File.ReadAllTextAsync(source!, context.CancellationToken)
            : await FetchAsync(url, context);
        try
        {
            return JsonWebKeySet.Parse(json);
        }
        catch (System.Text.Json.JsonException exception)
        {
            throw new FormatException($"the JWK Set from {(object?)url ?? source} is not JSON ({exception.Message})", exception);
        }
    }

    private static async Task<string> FetchAsync(Uri url, CliContext context)
    {
        using var http = new HttpClient(context.Settings.Handler, disposeHandler: false) { Timeout = context.Settings.RequestTimeout };
        try
        {
            using var response = await http.GetAsync(url, context.CancellationToken);
            return response.IsSuccessStatusCode
                ? await response.Content.ReadAsStringAsync(context.CancellationToken)
                : throw new UsageException($"the JWK Set at {url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !context.CancellationToken.IsCancellationRequested)
        {
            throw new GatewayUnreachableException(url, exception.Message, exception);
        }
    }

    private static string Published(JsonWebKeySet keys) =>
        keys.Keys.Count == 0 ? "the JWK Set is empty" : $"published: {string.Join(", ", keys.Keys.Select(key => key.Kid))}";
}
