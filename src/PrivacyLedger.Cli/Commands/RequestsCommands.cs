using System.CommandLine;
using PrivacyLedger.Cli.Output;
using Spectre.Console;

namespace PrivacyLedger.Cli.Commands;

/// <summary><c>requests list</c>: the privacy officer's queue of rights requests.</summary>
internal static class RequestsCommands
{
    private const int MaxPageSize = 1_000;

    public static Command Create(CliApp app)
    {
        var status = new Option<string?>("--status")
        {
            Description = "Only requests in this status: received, verified, in-progress, completed, partially-completed, refused, cancelled",
            HelpName = "status",
        };
        var overdue = new Option<bool>("--overdue") { Description = "Only requests past their deadline" };
        var limit = new Option<int>("--limit") { Description = "Print at most this many requests", DefaultValueFactory = _ => 100, HelpName = "n" };
        limit.Validators.Add(CampaignCommands.PositiveLimit);

        var list = new Command("list", "List rights requests, oldest deadline first as the gateway orders them") { status, overdue, limit };
        list.SetAction((parseResult, cancellationToken) => app.RunAsync(parseResult, cancellationToken, async context =>
        {
            var wanted = parseResult.GetValue(status);
            var onlyOverdue = parseResult.GetValue(overdue);
            var (items, more) = await Paging.CollectAsync(parseResult.GetValue(limit), MaxPageSize,
                (after, pageSize) => context.Gateway.ListRequestsAsync(wanted, onlyOverdue, after, pageSize, context.CancellationToken));
            var table = new Table().AddColumns("request", "type", "subject", "status", "received (UTC)", "due (UTC)");
            foreach (var request in items)
            {
                table.AddRow(
                    new Text(request.RequestId), new Text(request.Type), new Text(request.SubjectId), new Text(request.Status),
                    new Text(Format.Time(request.ReceivedAt)), new Text(Format.Time(request.DueAt)));
            }
            if (items.Count > 0)
            {
                context.Console.Write(table);
            }
            context.WriteLine(Paging.Footer(items.Count, more));
            return ExitCodes.Ok;
        }));

        var requests = new Command("requests", "The queue of data-protection rights requests");
        requests.Subcommands.Add(list);
        return requests;
    }
}
