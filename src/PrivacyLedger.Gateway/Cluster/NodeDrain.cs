using Microsoft.Extensions.Options;

namespace PrivacyLedger.Gateway.Cluster;

/// <summary>
/// The first step of a graceful stop (SIGTERM, or the host stopping): the node turns not-ready at once (the host's
/// stopping token, which <see cref="Health.GatewayReadiness"/> reads), then keeps serving for
/// <see cref="ClusterSettings.DrainDelay"/> so the load balancer's checks take it out of rotation before Kestrel stops
/// taking connections. Only then do the host's services stop: Kestrel finishes the requests in flight, and the silo
/// hands its grains off and leaves the membership table.
/// </summary>
public sealed partial class NodeDrain(IOptions<ClusterSettings> settings, TimeProvider time, ILogger<NodeDrain> logger) : IHostedLifecycleService
{
    private volatile bool _announcedReady;

    /// <summary>
    /// A readiness check answered ready: someone (a load balancer, a gRPC health client) routes by it. A node that never
    /// said it was ready has nobody to wait for, so it stops at once: a single node, or a test's gateway.
    /// </summary>
    public void ReadyAnswered() => _announcedReady = true;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var delay = settings.Value.DrainDelay;
        if (!_announcedReady || delay <= TimeSpan.Zero)
        {
            return;
        }
        LogDraining(logger, delay.TotalSeconds);
        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out: stop now rather than not at all.
        }
        LogDrained(logger);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Draining: not ready, still serving for {Seconds} s before stopping")]
    private static partial void LogDraining(ILogger logger, double seconds);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "Drained: stopping the HTTP server and the silo")]
    private static partial void LogDrained(ILogger logger);
}
