using System.CommandLine;
using PrivacyLedger.Cli.Gateway;
using PrivacyLedger.Cli.Output;

namespace PrivacyLedger.Cli.Commands;

/// <summary>
/// <c>erasures reconcile</c>: checks the gateway's erasure journal against storage and, with <c>--execute</c>, shreds
/// again the people whose data key a restored backup brought back. A dry run unless <c>--execute</c>.
/// </summary>
internal static class ErasureCommands
{
    public static Command Create(CliApp app)
    {
        var realRun = new RealRun("shred again every journalled erasure whose data key is live again");
        var reconcile = new Command("reconcile", "Report (or, with --execute, shred again) erased people whose data key a restored backup brought back");
        realRun.AddTo(reconcile);
        reconcile.SetAction((parseResult, cancellationToken) => app.RunAsync(parseResult, cancellationToken, async context =>
        {
            var mode = realRun.Choose(parseResult, context.Settings);
            if (mode == RealRun.Mode.ConfirmThenExecute)
            {
                var dryRun = await context.Gateway.ReconcileErasuresAsync(new ReconcileBody(DryRun: true), context.CancellationToken);
                if (!await RealRun.ConfirmAsync(context,
                        $"dry run: {Format.Count(dryRun.LiveKeys)} of {Format.Count(dryRun.Checked)} journalled erasures have their data key live again",
                        "Shred them again?"))
                {
                    return ExitCodes.Error;
                }
            }
            WriteReport(context, await context.Gateway.ReconcileErasuresAsync(new ReconcileBody(mode == RealRun.Mode.DryRun), context.CancellationToken));
            return ExitCodes.Ok;
        }));

        var erasures = new Command("erasures", "The erasure journal: erasures kept outside the database, so a restore cannot undo them");
        erasures.Subcommands.Add(reconcile);
        return erasures;
    }

    private static void WriteReport(CliContext context, ErasureReconciliation report)
    {
        context.WriteLine(report.DryRun ? "dry run: nothing was shredded" : "reconciled");
        context.WriteLine($"checked     {Format.Count(report.Checked)} journalled erasures");
        context.WriteLine($"live again  {Format.Count(report.LiveKeys)} data keys");
        context.WriteLine($"shredded    {Format.Count(report.Reshredded)}");
        if (report.UnreadableLines > 0)
        {
            context.WriteLine($"torn lines  {Format.Count(report.UnreadableLines)} (skipped; left by a crash mid-write)");
        }
    }
}
