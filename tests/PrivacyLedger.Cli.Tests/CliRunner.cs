using Spectre.Console;

namespace PrivacyLedger.Cli.Tests;

public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Runs the command line in-process against a fake gateway, with waits shortened to nothing.</summary>
public static class CliRunner
{
    public static Task<CliRun> RunAsync(FakeGateway gateway, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunAsync(gateway, environment, terminal: null, args);

    public static Task<CliRun> RunAsync(FakeGateway gateway, params string[] args) => RunAsync(gateway, null, args);

    /// <summary>As on a terminal where the user types <paramref name="typed"/>; other runs have standard input redirected (empty).</summary>
    public static Task<CliRun> RunOnTerminalAsync(FakeGateway gateway, string typed, params string[] args) =>
        RunAsync(gateway, null, new StringReader(typed), args);

    private static async Task<CliRun> RunAsync(FakeGateway gateway, IReadOnlyDictionary<string, string>? environment, TextReader? terminal, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // Wide enough that no table cell wraps an id.
        console.Profile.Width = 250;
        var env = environment ?? new Dictionary<string, string> { ["PRIVACY_LEDGER_API_KEY"] = "test-key" };
        var app = new CliApp(new CliSettings(gateway, output, error, name => env.GetValueOrDefault(name))
        {
            Console = console,
            PollInterval = TimeSpan.Zero,
            RetryDelay = TimeSpan.FromMilliseconds(1),
            Input = terminal ?? TextReader.Null,
            InputIsTerminal = terminal is not null,
        });
        var exitCode = await app.InvokeAsync(args);
        return new CliRun(exitCode, output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), error.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}

/// <summary>A file in the temp folder, deleted when the test ends.</summary>
public sealed class TempFile : IDisposable
{
    public TempFile(string extension, string content)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"pl-cli-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(Path, content);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
