using System.CommandLine;
using System.CommandLine.Invocation;
using PrivacyLedger.Cli.Commands;
using PrivacyLedger.Cli.Gateway;
using Spectre.Console;

namespace PrivacyLedger.Cli;

/// <summary>
/// The <c>privacy-ledger</c> command line, built from its dependencies so tests can run every command
/// against a fake HTTP handler and read what it wrote.
/// </summary>
public sealed class CliApp
{
    private readonly CliSettings _settings;
    private readonly IAnsiConsole _console;

    public CliApp(CliSettings settings)
    {
        _settings = settings;
        _console = settings.Console ?? AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(settings.Output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        GatewayOption = new Option<string>("--gateway")
        {
            Description = $"The gateway's base URL (or ${CliSettings.GatewayVariable})",
            HelpName = "url",
            Recursive = true,
            DefaultValueFactory = _ => settings.GetEnvironmentVariable(CliSettings.GatewayVariable) is { Length: > 0 } url ? url : CliSettings.DefaultGateway,
        };
        // No DefaultValueFactory: help prints defaults, and the key must not appear there.
        ApiKeyOption = new Option<string?>("--api-key")
        {
            Description = $"The API key sent as X-Api-Key (default: ${CliSettings.ApiKeyVariable})",
            HelpName = "key",
            Recursive = true,
        };
    }

    internal Option<string> GatewayOption { get; }

    internal Option<string?> ApiKeyOption { get; }

    /// <summary>The real process: the terminal, the environment, and Ctrl+C cancelling the running command.</summary>
    public static CliApp CreateForConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            // Without a terminal Spectre assumes 80 columns and would wrap table cells holding 32-character ids.
            console.Profile.Width = 240;
        }
        return new CliApp(new CliSettings(
            new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }, Console.Out, Console.Error, Environment.GetEnvironmentVariable)
        {
            Console = console,
            Input = Console.In,
            InputIsTerminal = !Console.IsInputRedirected,
            HandleProcessTermination = true,
        });
    }

    public RootCommand BuildRootCommand()
    {
        var root = new RootCommand("privacy-ledger: bulk import, deletion campaigns, the request queue and ledger verification over the gateway's HTTP API v1.");
        root.Options.Add(GatewayOption);
        root.Options.Add(ApiKeyOption);
        root.Subcommands.Add(ImportCommand.Create(this));
        root.Subcommands.Add(CampaignCommands.Create(this));
        root.Subcommands.Add(RequestsCommands.Create(this));
        root.Subcommands.Add(LedgerCommands.Create(this));
        root.Subcommands.Add(RetentionCommands.Create(this));
        root.Subcommands.Add(ErasureCommands.Create(this));
        root.Subcommands.Add(ReceiptCommands.Create(this));
        root.Subcommands.Add(ClusterCommands.Create(this));
        return root;
    }

    public async Task<int> InvokeAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var parseResult = BuildRootCommand().Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            // One line instead of the library's error list followed by the whole help text.
            var problems = string.Join(" ", parseResult.Errors.Select(e => GatewayException.Clean(e.Message)));
            await _settings.Error.WriteLineAsync($"error: {problems} (see --help)");
            return ExitCodes.Error;
        }
        var invocation = new InvocationConfiguration
        {
            Output = _settings.Output,
            Error = _settings.Error,
            // Errors are turned into one line by RunAsync; the library's handler would print a stack trace.
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = _settings.HandleProcessTermination ? TimeSpan.FromSeconds(5) : null,
        };
        return await parseResult.InvokeAsync(invocation, cancellationToken);
    }

    /// <summary>
    /// Runs one command against the gateway the options name, and turns every failure into one line on
    /// standard error and an exit code.
    /// </summary>
    internal async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken, Func<CliContext, Task<int>> command)
    {
        var apiKey = parseResult.GetValue(ApiKeyOption) is { Length: > 0 } given ? given : _settings.GetEnvironmentVariable(CliSettings.ApiKeyVariable);
        try
        {
            using var http = CreateHttpClient(parseResult.GetValue(GatewayOption)!, apiKey);
            return await command(new CliContext(new GatewayClient(http, _settings.RequestTimeout), _console, _settings.Output, _settings.Error, _settings, cancellationToken));
        }
        catch (GatewayUnreachableException exception)
        {
            return await FailAsync(ExitCodes.Unreachable, exception.Message);
        }
        catch (GatewayException exception)
        {
            var hint = exception.Status == 401 && string.IsNullOrEmpty(apiKey)
                ? $" (no API key given: use --api-key or ${CliSettings.ApiKeyVariable})"
                : "";
            return await FailAsync(ExitCodes.Error, exception.Message + hint);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return await FailAsync(ExitCodes.Cancelled, "cancelled");
        }
        catch (Exception exception) when (exception is UsageException or FormatException or IOException or UnauthorizedAccessException)
        {
            return await FailAsync(ExitCodes.Error, GatewayException.Clean(exception.Message) ?? exception.GetType().Name);
        }
#pragma warning disable CA1031 // The one place that turns anything unexpected into a line, never a stack trace.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return await FailAsync(ExitCodes.Error, $"unexpected {exception.GetType().Name}: {GatewayException.Clean(exception.Message)}");
        }
    }

    private HttpClient CreateHttpClient(string gateway, string? apiKey)
    {
        if (!Uri.TryCreate(gateway, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--gateway must be an http or https URL, not '{gateway}'.");
        }
        // A trailing slash keeps a path prefix (https://host/ledger/) when relative paths are resolved against it.
        var baseAddress = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        var http = new HttpClient(_settings.Handler, disposeHandler: false) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        // Each request's own time limit is the gateway client's: an import may stream for many minutes.
        if (!string.IsNullOrEmpty(apiKey))
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }
        return http;
    }

    private async Task<int> FailAsync(int exitCode, string message)
    {
        await _settings.Error.WriteLineAsync($"error: {message}");
        return exitCode;
    }
}
