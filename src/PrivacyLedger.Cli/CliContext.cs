using PrivacyLedger.Cli.Gateway;
using Spectre.Console;

namespace PrivacyLedger.Cli;

/// <summary>What one command's run works with: the gateway, where to write, and the run's cancellation.</summary>
public sealed record CliContext(GatewayClient Gateway, IAnsiConsole Console, TextWriter Output, TextWriter Error, CliSettings Settings, CancellationToken CancellationToken)
{
    /// <summary>
    /// A plain line on standard output, written past Spectre.Console: no markup parsing (it may hold server
    /// text) and no wrapping at the console's width, which would break lines scripts read.
    /// </summary>
    public void WriteLine(string text) => Output.WriteLine(text);
}
