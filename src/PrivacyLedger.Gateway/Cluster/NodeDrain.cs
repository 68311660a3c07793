using Microsoft.Extensions.Options;

namespace PrivacyLedger.Gateway.Cluster;

/// <summary>
/// The first step of a graceful stop (SIGTERM, or the host stopping): the node turns not-ready at once (the host's
/// stopping token, which <see cref="Health.GatewayReadiness"/> reads), then keeps serving for
/// <see cref="ClusterSettings.DrainDelay"/> so the load balancer's checks take it out of rotation before Kestrel stops
/// taking connections. Only then do the host's services stop: Kestrel finishes the requests in flight, and the silo
/// hands its grains off and leaves the membership table.
/// </summary>
/// <remarks>
/// The wait is for a balancer that watches readiness. One that does checks more often than the delay (the delay is sized
/// to its interval × fall count), so a node whose last "ready" is older than the delay, or that never said it, has nobody
/// to wait for and stops at once: a single node, a test's gateway. The wait never takes more than a third of the host's
/// shutdown timeout, so Kestrel and the silo keep the rest to finish requests and hand grains off.
/// </remarks>
public sealed partial class NodeDrain(IOptions<ClusterSettings> settings, IOptions<HostOptions> host, TimeProvider time, ILogger<NodeDrain> logger)
    : IHostedLifecycleService
{
    private long _lastReadyAt = -1;

    /// <summary>
    /// <c>/readyz</c> answered ready: a load balancer may route by it. Not gRPC health, whose in-process publisher checks
    /// readiness every few seconds whoever is watching, so it would make every stop wait.
    /// </summary>
    public void ReadyAnswered() => Interlocked.Exchange(ref _lastReadyAt, time.GetTimestamp());

    /// <summary>How long a stop waits now: the delay, if a readiness check answered ready within it, else nothing.</summary>
    private TimeSpan Delay()
    {
        var delay = settings.Value.DrainDelay;
        var lastReady = Interlocked.Read(ref _lastReadyAt);
        if (lastReady < 0 || delay <= TimeSpan.Zero || time.GetElapsedTime(lastReady) > delay)
        {
            return TimeSpan.Zero;
        }
        return delay < host.Value.ShutdownTimeout / 3 ? delay : host.Value.ShutdownTimeout / 3;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var delay = Delay();
        if (delay <= TimeSpan.Zero)
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
