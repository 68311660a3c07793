using System.CommandLine;

namespace PrivacyLedger.Cli.Commands;

/// <summary>
/// How a command that deletes data runs for real. Without <c>--execute</c> it is a dry run. With it, on a terminal
/// the dry run goes first and its outcome is shown with a y/N question; <c>--yes</c> skips the question (scripts);
/// with standard input redirected and no <c>--yes</c> nobody could answer, so the command refuses.
/// </summary>
internal sealed class RealRun
{
    private readonly Option<bool> _execute;
    private readonly Option<bool> _yes = new("--yes") { Description = "With --execute: do not ask for confirmation (for scripts; required when standard input is not a terminal)" };

    public RealRun(string what) =>
        _execute = new Option<bool>("--execute") { Description = $"Run for real: {what}. Without it, a dry run that changes nothing; on a terminal the dry run is shown first and confirmation asked" };

    public void AddTo(Command command)
    {
        command.Options.Add(_execute);
        command.Options.Add(_yes);
    }

    /// <summary>What the command line asks for; a usage error when it cannot be done as asked, before any call to the gateway.</summary>
    public Mode Choose(ParseResult parseResult, CliSettings settings)
    {
        var execute = parseResult.GetValue(_execute);
        var yes = parseResult.GetValue(_yes);
        if (!execute)
        {
            return yes ? throw new UsageException("--yes confirms --execute: pass both for a real run, neither for a dry run.") : Mode.DryRun;
        }
        if (yes)
        {
            return Mode.Execute;
        }
        return settings.InputIsTerminal
            ? Mode.ConfirmThenExecute
            : throw new UsageException("a real run asks for confirmation on a terminal, and standard input is not one: pass --yes to run it without asking.");
    }

    /// <summary>Shows the dry run's outcome on standard error (standard output stays the command's answer) and asks; true on yes.</summary>
    public static async Task<bool> ConfirmAsync(CliContext context, string dryRunOutcome, string question)
    {
        await context.Error.WriteLineAsync(dryRunOutcome);
        await context.Error.WriteAsync($"{question} [y/N] ");
        await context.Error.FlushAsync(context.CancellationToken);
        var answer = (await context.Settings.Input.ReadLineAsync(context.CancellationToken))?.Trim();
        if (string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) || string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        await context.Error.WriteLineAsync("not confirmed: nothing was changed");
        return false;
    }

    public enum Mode { DryRun, Execute, ConfirmThenExecute }
}
