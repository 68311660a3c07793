using Spectre.Console;

namespace PrivacyLedger.Cli;

/// <summary>
/// Everything the commands need from outside, so tests can pass a fake HTTP handler, string writers and
/// short waits instead of the network, the console and real seconds.
/// </summary>
public sealed record CliSettings(HttpMessageHandler Handler, TextWriter Output, TextWriter Error, Func<string, string?> GetEnvironmentVariable)
{
    /// <summary>Where tables and progress go; by default a plain, non-interactive console over <see cref="Output"/>.</summary>
    public IAnsiConsole? Console { get; init; }

    /// <summary>How often <c>--watch</c> asks for a campaign's state.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The first wait before retrying a transient failure during an import; later waits grow linearly.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one HTTP call may take before the gateway counts as unreachable.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Where a confirmation is read from: standard input.</summary>
    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>Whether standard input is a terminal someone can answer a question on (not redirected).</summary>
    public bool InputIsTerminal { get; init; }

    /// <summary>Whether Ctrl+C and SIGTERM cancel the running command (the real process, not tests).</summary>
    public bool HandleProcessTermination { get; init; }

    public const string GatewayVariable = "PRIVACY_LEDGER_URL";
    public const string ApiKeyVariable = "PRIVACY_LEDGER_API_KEY";
    public const string DefaultGateway = "http://127.0.0.1:5080";
}
