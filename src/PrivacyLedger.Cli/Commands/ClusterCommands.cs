using System.CommandLine;
using PrivacyLedger.Cli.Gateway;
using PrivacyLedger.Cli.Output;
using Spectre.Console;

namespace PrivacyLedger.Cli.Commands;

/// <summary><c>cluster status</c>: the operator's view of the cluster behind the gateway address.</summary>
internal static class ClusterCommands
{
    /// <summary>Campaigns shown at most; an operator with more running reads the rest with <c>campaign</c> commands.</summary>
    private const int MaxCampaigns = 100;

    public static Command Create(CliApp app)
    {
        var status = new Command("status", "The cluster's nodes (state, last heartbeat, activations) and the campaigns running");
        status.SetAction((parseResult, cancellationToken) => app.RunAsync(parseResult, cancellationToken, async context =>
        {
            var cluster = await context.Gateway.GetClusterAsync(context.CancellationToken);
            WriteNodes(context, cluster);
            var (campaigns, more) = await Paging.CollectAsync(MaxCampaigns, MaxCampaigns,
                (after, pageSize) => context.Gateway.ListCampaignsAsync("running", after, pageSize, context.CancellationToken));
            WriteCampaigns(context, campaigns, more);
            return ExitCodes.Ok;
        }));

        var command = new Command("cluster", "The gateway cluster");
        command.Subcommands.Add(status);
        return command;
    }

    private static void WriteNodes(CliContext context, ClusterView cluster)
    {
        context.WriteLine($"cluster    {cluster.ClusterId}, {Format.Count(cluster.Nodes.Count)} nodes, answered by {cluster.Self.SiloAddress}");
        var table = new Table().AddColumns("node", "silo", "host", "state", "started (UTC)", "last heartbeat (UTC)", "activations");
        foreach (var node in cluster.Nodes)
        {
            table.AddRow(
                new Text(node.SiloAddress == cluster.Self.SiloAddress ? node.Name + " *" : node.Name), new Text(node.SiloAddress), new Text(node.HostName),
                new Text(node.Status), new Text(Format.Time(node.StartedAt)), new Text(node.LastHeartbeatAt is { } beat ? Format.Time(beat) : "-"),
                new Text(node.Activations is { } count ? Format.Count(count) : "-"));
        }
        context.Console.Write(table);
        context.WriteLine($"activations {Format.Count(cluster.Nodes.Sum(node => (long)(node.Activations ?? 0)))} in all");
    }

    private static void WriteCampaigns(CliContext context, IReadOnlyList<CampaignState> campaigns, bool more)
    {
        context.WriteLine("campaigns running:");
        if (campaigns.Count > 0)
        {
            var table = new Table().AddColumns("campaign", "dry run", "processed", "total", "rate", "eta");
            foreach (var campaign in campaigns)
            {
                table.AddRow(
                    new Text(campaign.CampaignId), new Text(campaign.DryRun ? "yes" : "no"), new Text(Format.Count(campaign.Processed)),
                    new Text(Format.Count(campaign.Total)), new Text(Format.Rate(campaign.RatePerSecond)), new Text(Format.Duration(campaign.EtaSeconds)));
            }
            context.Console.Write(table);
        }
        context.WriteLine(Paging.Footer(campaigns.Count, more));
    }
}
