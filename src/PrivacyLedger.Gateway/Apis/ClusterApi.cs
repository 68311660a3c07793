using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using PrivacyLedger.Gateway.Cluster;

namespace PrivacyLedger.Gateway.Apis;

internal static class ClusterApi
{
    /// <summary>How long a node may take to report its activations before it is listed without them.</summary>
    private static readonly TimeSpan StatisticsPatience = TimeSpan.FromSeconds(2);

    /// <summary><c>GET /v1/cluster</c>: the nodes, their status and activations, from Orleans' management grain.</summary>
    public static IEndpointRouteBuilder MapClusterApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/cluster", GetAsync).WithTags("Cluster");
        return app;
    }

    private static async Task<Ok<ClusterView>> GetAsync(IGrainFactory grains, ILocalSiloDetails silo, IOptions<ClusterOptions> cluster)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        // The membership table as stored: a silo killed a moment ago stays listed (active) until it is declared dead.
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var live = hosts.Where(host => host.Status != SiloStatus.Dead).OrderBy(host => host.SiloAddress.ToString(), StringComparer.Ordinal).ToList();
        var activations = await Task.WhenAll(live.Select(host => ActivationsAsync(management, host.SiloAddress)));
        var nodes = live.Select((host, i) => new ClusterNode(
            host.SiloAddress.ToString(), host.SiloName, host.HostName, NodeStatus.Wire(host.Status),
            Utc(host.StartTime), host.IAmAliveTime == default ? null : Utc(host.IAmAliveTime), activations[i])).ToList();
        return TypedResults.Ok(new ClusterView(cluster.Value.ClusterId, new NodeIdentity(silo.SiloAddress.ToString(), silo.Name), nodes));
    }

    /// <summary>A node that does not answer (dying, or busy) is listed without its count rather than failing the whole view.</summary>
    private static async Task<int?> ActivationsAsync(IManagementGrain management, SiloAddress address)
    {
        try
        {
            var statistics = await management.GetRuntimeStatistics([address]).WaitAsync(StatisticsPatience);
            return statistics.Length == 1 ? statistics[0].ActivationCount : null;
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException)
        {
            return null;
        }
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
