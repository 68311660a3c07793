using System.CommandLine;
using PrivacyLedger.Cli.Output;

namespace PrivacyLedger.Cli.Commands;

/// <summary><c>ledger verify</c>: checks a subject's hash-chained ledger.</summary>
internal static class LedgerCommands
{
    public static Command Create(CliApp app)
    {
        var subjectId = new Argument<string>("subjectId") { Description = "The subject whose ledger is checked" };
        var verify = new Command("verify", "Verify a subject's ledger; exit code 3 when its hash chain is broken") { subjectId };
        verify.SetAction((parseResult, cancellationToken) => app.RunAsync(parseResult, cancellationToken, async context =>
        {
            var id = parseResult.GetRequiredValue(subjectId);
            var result = await context.Gateway.VerifyLedgerAsync(id, context.CancellationToken);
            if (result.Valid)
            {
                context.WriteLine($"valid: {Format.Count(result.Events)} events, head {result.Head ?? "-"}");
                return ExitCodes.Ok;
            }
            // The verdict is the command's answer, so it goes to standard output; the exit code tells scripts.
            context.WriteLine($"INVALID: the ledger of {id} does not verify ({Format.Count(result.Events)} events, head {result.Head ?? "-"})");
            return ExitCodes.LedgerInvalid;
        }));

        var ledger = new Command("ledger", "A subject's tamper-evident ledger");
        ledger.Subcommands.Add(verify);
        return ledger;
    }
}
