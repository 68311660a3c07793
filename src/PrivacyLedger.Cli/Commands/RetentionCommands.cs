using System.CommandLine;
using PrivacyLedger.Cli.Gateway;
using PrivacyLedger.Cli.Output;
using Spectre.Console;

namespace PrivacyLedger.Cli.Commands;

/// <summary><c>retention sweep</c>: the retention sweep (R5) now, a dry run unless <c>--execute</c>.</summary>
internal static class RetentionCommands
{
    public static Command Create(CliApp app)
    {
        var register = new Option<string?>("--register") { Description = "Sweep this register only (default: every register)", HelpName = "id" };
        var realRun = new RealRun("remove the data whose retention has run out");
        var sweep = new Command("sweep", "Report (or, with --execute, remove) the data whose retention has run out") { register };
        realRun.AddTo(sweep);
        sweep.SetAction((parseResult, cancellationToken) => app.RunAsync(parseResult, cancellationToken, async context =>
        {
            var mode = realRun.Choose(parseResult, context.Settings);
            var registerId = parseResult.GetValue(register);
            if (mode == RealRun.Mode.ConfirmThenExecute)
            {
                var dryRun = await context.Gateway.SweepRetentionAsync(new SweepBody(DryRun: true, registerId), context.CancellationToken);
                var subjects = dryRun.Expired.Sum(expired => (long)expired.Subjects);
                if (!await RealRun.ConfirmAsync(context,
                        $"dry run: {Format.Count(subjects)} expired items (a person's data category) in {Format.Count(dryRun.Expired.Count)} categories would be removed",
                        "Remove them for real?"))
                {
                    return ExitCodes.Error;
                }
            }
            WriteReport(context, await context.Gateway.SweepRetentionAsync(new SweepBody(mode == RealRun.Mode.DryRun, registerId), context.CancellationToken));
            return ExitCodes.Ok;
        }));

        var retention = new Command("retention", "Retention rules (R5)");
        retention.Subcommands.Add(sweep);
        return retention;
    }

    private static void WriteReport(CliContext context, SweepReport report)
    {
        context.WriteLine(report.DryRun ? "dry run: nothing was removed" : "removed");
        context.WriteLine($"registers  {string.Join(", ", report.Registers)}");
        context.WriteLine($"examined   {Format.Count(report.SubjectsExamined)} people");
        if (report.Expired.Count == 0)
        {
            context.WriteLine("expired    nothing");
            return;
        }
        var table = new Table().AddColumns("register", "category", "people", "external");
        foreach (var expired in report.Expired)
        {
            table.AddRow(new Text(expired.RegisterId), new Text(expired.CategoryId), new Text(Format.Count(expired.Subjects)), new Text(expired.External ? "yes" : "no"));
        }
        context.Console.Write(table);
    }
}
