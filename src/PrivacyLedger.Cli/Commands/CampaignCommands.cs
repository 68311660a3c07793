using System.CommandLine;
using System.Diagnostics;
using PrivacyLedger.Cli.Gateway;
using PrivacyLedger.Cli.Import;
using PrivacyLedger.Cli.Output;
using Spectre.Console;

namespace PrivacyLedger.Cli.Commands;

/// <summary><c>campaign start|status|pause|resume|cancel|items</c>: bulk deletion campaigns.</summary>
internal static class CampaignCommands
{
    private const int MaxPageSize = 1_000;

    public static Command Create(CliApp app)
    {
        var campaign = new Command("campaign", "Start, follow and steer bulk deletion campaigns");
        campaign.Subcommands.Add(CreateStart(app));
        campaign.Subcommands.Add(CreateStatus(app));
        foreach (var (change, description) in new[]
                 {
                     ("pause", "Pause a running campaign"),
                     ("resume", "Resume a paused campaign"),
                     ("cancel", "Cancel a campaign; people already processed stay processed"),
                 })
        {
            campaign.Subcommands.Add(CreateChange(app, change, description));
        }
        campaign.Subcommands.Add(CreateItems(app));
        return campaign;
    }

    private static Command CreateStart(CliApp app)
    {
        var kind = new Option<string>("--kind") { Description = "erasure: erase the selected people everywhere; register-purge: remove them from one register", Required = true };
        kind.AcceptOnlyFromAmong("erasure", "register-purge");
        var register = new Option<string?>("--register") { Description = "The register the campaign is about", HelpName = "id" };
        var inactiveSince = new Option<DateTimeOffset?>("--inactive-since")
        {
            Description = "Select members with no activity since this date (ISO 8601; a bare date is UTC midnight)",
            HelpName = "date",
            CustomParser = result =>
            {
                if (PeopleCsv.TryParseTime(result.Tokens[0].Value, out var time))
                {
                    return time;
                }
                result.AddError("--inactive-since must be a date such as 2023-01-31 or 2023-01-31T00:00:00Z.");
                return null;
            },
        };
        var retentionExpired = new Option<bool>("--retention-expired") { Description = "Select the members of --register whose retention there has run out: every category they hold in it is past its retention rule (legal holds included)" };
        var subjectIdsFile = new Option<string?>("--subject-ids-file") { Description = "Select the subjects listed in this file, one id per line", HelpName = "file" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only count and list who would be erased (the default without --execute)" };
        var realRun = new RealRun("erase the selected people (erasure) or remove them from the register (register-purge)");
        var maxPerSecond = new Option<int?>("--max-per-second") { Description = "Throttle the campaign to this many people a second", HelpName = "n" };
        maxPerSecond.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--max-per-second must be at least 1.");
            }
        });
        var watch = new Option<bool>("--watch") { Description = "Follow the campaign with a progress bar until it ends" };

        var command = new Command("start", "Start a campaign (a dry run unless --execute) and print its id")
        {
            kind, register, inactiveSince, retentionExpired, subjectIdsFile, dryRun, maxPerSecond, watch,
        };
        realRun.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => app.RunAsync(parseResult, cancellationToken, async context =>
        {
            var mode = realRun.Choose(parseResult, context.Settings);
            if (mode != RealRun.Mode.DryRun && parseResult.GetValue(dryRun))
            {
                throw new UsageException("--dry-run and --execute contradict each other.");
            }
            var subjectIds = parseResult.GetValue(subjectIdsFile) is { } path ? ReadSubjectIds(path) : null;
            var body = new StartCampaignBody(
                parseResult.GetRequiredValue(kind),
                parseResult.GetValue(register),
                new CampaignSelectorBody(parseResult.GetValue(inactiveSince), parseResult.GetValue(retentionExpired), subjectIds),
                DryRun: mode == RealRun.Mode.DryRun,
                parseResult.GetValue(maxPerSecond));
            if (mode == RealRun.Mode.ConfirmThenExecute && !await ConfirmAfterDryRunAsync(context, body))
            {
                return ExitCodes.Error;
            }
            var created = await context.Gateway.StartCampaignAsync(body, context.CancellationToken);
            // The id alone on its line, so a script can capture it.
            context.WriteLine(created.CampaignId);
            return parseResult.GetValue(watch) ? await WatchAsync(context, created.CampaignId) : ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Runs the same campaign as a dry run to its end, shows how many it selected, and asks whether to start it for real.</summary>
    private static async Task<bool> ConfirmAfterDryRunAsync(CliContext context, StartCampaignBody body)
    {
        var dryRun = await context.Gateway.StartCampaignAsync(body with { DryRun = true }, context.CancellationToken);
        await context.Error.WriteLineAsync($"dry run {dryRun.CampaignId}: selecting...");
        var counted = await context.Gateway.GetCampaignAsync(dryRun.CampaignId, context.CancellationToken);
        while (!counted.IsFinished)
        {
            await Task.Delay(context.Settings.PollInterval, context.CancellationToken);
            counted = await context.Gateway.GetCampaignAsync(dryRun.CampaignId, context.CancellationToken);
        }
        if (counted.Status != "completed")
        {
            throw new UsageException($"the dry run {dryRun.CampaignId} ended {counted.Status}: nothing was started.");
        }
        var people = Format.Count(counted.Total);
        var what = body.Kind == "erasure" ? $"erase {people} people everywhere" : $"remove {people} people from {body.RegisterId}";
        return await RealRun.ConfirmAsync(context,
            $"dry run {dryRun.CampaignId}: the campaign would {what} (selected again when it starts)",
            "Start it for real?");
    }

    private static Command CreateStatus(CliApp app)
    {
        var id = new Argument<string>("id") { Description = "The campaign id" };
        var watch = new Option<bool>("--watch") { Description = "Follow the campaign with a progress bar until it ends" };
        var command = new Command("status", "Show a campaign's progress") { id, watch };
        command.SetAction((parseResult, cancellationToken) => app.RunAsync(parseResult, cancellationToken, async context =>
        {
            var campaignId = parseResult.GetRequiredValue(id);
            if (parseResult.GetValue(watch))
            {
                return await WatchAsync(context, campaignId);
            }
            WriteState(context, await context.Gateway.GetCampaignAsync(campaignId, context.CancellationToken));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateChange(CliApp app, string change, string description)
    {
        var id = new Argument<string>("id") { Description = "The campaign id" };
        var command = new Command(change, description) { id };
        command.SetAction((parseResult, cancellationToken) => app.RunAsync(parseResult, cancellationToken, async context =>
        {
            var state = await context.Gateway.ChangeCampaignAsync(parseResult.GetRequiredValue(id), change, context.CancellationToken);
            context.WriteLine($"campaign {state.CampaignId}: {state.Status}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateItems(CliApp app)
    {
        var id = new Argument<string>("id") { Description = "The campaign id" };
        var status = new Option<string?>("--status") { Description = "Only items in this status: selected, erased, held, failed, skipped", HelpName = "status" };
        var limit = new Option<int>("--limit") { Description = "Print at most this many items", DefaultValueFactory = _ => 100, HelpName = "n" };
        limit.Validators.Add(PositiveLimit);
        var command = new Command("items", "List the people of a campaign and what happened to each") { id, status, limit };
        command.SetAction((parseResult, cancellationToken) => app.RunAsync(parseResult, cancellationToken, async context =>
        {
            var campaignId = parseResult.GetRequiredValue(id);
            var wanted = parseResult.GetValue(status);
            var (items, more) = await Paging.CollectAsync(parseResult.GetValue(limit), MaxPageSize,
                (after, pageSize) => context.Gateway.ListCampaignItemsAsync(campaignId, wanted, after, pageSize, context.CancellationToken));
            var table = new Table().AddColumns("subject", "status", "note");
            foreach (var item in items)
            {
                table.AddRow(new Text(item.SubjectId), new Text(item.Status), new Text(GatewayException.Clean(item.Note) ?? ""));
            }
            if (items.Count > 0)
            {
                context.Console.Write(table);
            }
            context.WriteLine(Paging.Footer(items.Count, more));
            return ExitCodes.Ok;
        }));
        return command;
    }

    internal static void PositiveLimit(System.CommandLine.Parsing.OptionResult result)
    {
        if (result.GetValueOrDefault<int>() < 1)
        {
            result.AddError("--limit must be at least 1.");
        }
    }

    /// <summary>
    /// Polls until the campaign ends. An unreachable or busy gateway is waited out rather than ending the
    /// watch: the campaign goes on in the gateway, and a restart mid-campaign is expected.
    /// </summary>
    internal static async Task<int> WatchAsync(CliContext context, string campaignId)
    {
        var state = await ProgressDisplay.RunAsync(context, async view =>
        {
            Stopwatch? outage = null;
            while (true)
            {
                try
                {
                    var current = await context.Gateway.GetCampaignAsync(campaignId, context.CancellationToken);
                    outage = null;
                    view.Reachable();
                    view.Update(current.Processed, current.Total > 0 || current.IsFinished ? current.Total : null, Describe(current));
                    if (current.IsFinished)
                    {
                        return current;
                    }
                }
                catch (Exception exception) when (exception is GatewayUnreachableException or GatewayException { IsTransient: true })
                {
                    outage ??= Stopwatch.StartNew();
                    view.Unreachable(outage.Elapsed);
                }
                await Task.Delay(context.Settings.PollInterval, context.CancellationToken);
            }
        });
        WriteState(context, state);
        return state.Status == "completed" ? ExitCodes.Ok : ExitCodes.Error;
    }

    private static string Describe(CampaignState state) =>
        $"{state.Status}{(state.DryRun ? " (dry run)" : "")} · {Format.Count(state.Processed)}/{Format.Count(state.Total)}{(state.Selecting ? " selected so far" : "")}"
        + $" · {Format.Rate(state.RatePerSecond)} · ETA {Format.Duration(state.EtaSeconds)}";

    private static void WriteState(CliContext context, CampaignState state)
    {
        context.WriteLine($"campaign   {state.CampaignId}");
        context.WriteLine($"status     {state.Status}{(state.DryRun ? " (dry run)" : "")}");
        context.WriteLine($"processed  {Format.Count(state.Processed)} of {Format.Count(state.Total)} ({Format.Percent(state.Processed, state.Total)})");
        if (state.Selecting)
        {
            context.WriteLine("selection  still running: the total can grow");
        }
        context.WriteLine($"erased     {Format.Count(state.Erased)}");
        context.WriteLine($"held       {Format.Count(state.Held)}");
        context.WriteLine($"failed     {Format.Count(state.Failed)}");
        if (!state.IsFinished)
        {
            context.WriteLine($"rate       {Format.Rate(state.RatePerSecond)}");
            context.WriteLine($"eta        {Format.Duration(state.EtaSeconds)}");
        }
    }

    /// <summary>Subject ids, one a line; blank lines and surrounding spaces are ignored.</summary>
    internal static List<string> ReadSubjectIds(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"{path}: no such file.");
        }
        var ids = File.ReadLines(path).Select(line => line.Trim()).Where(line => line.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return ids.Count > 0 ? ids : throw new UsageException($"{path} lists no subject ids.");
    }
}
