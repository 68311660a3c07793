namespace PrivacyLedger.ClusterDrill;

/// <summary>
/// The kills: every 20 to 30 s (from one kill to the next) SIGKILL a node, the nodes in turn, and start it again at once
/// with <c>cluster.sh restart</c>, which returns when the node is ready. The next kill waits for that too, so at most
/// one node is ever down.
/// </summary>
internal sealed class KillSchedule(ClusterControl cluster, int nodes, Timeline timeline, TextWriter log)
{
    public List<Kill> Kills { get; } = [];

    public async Task RunAsync(int kills, double firstAfterSeconds, Random random)
    {
        var next = timeline.Now + firstAfterSeconds;
        for (var k = 0; k < kills; k++)
        {
            var wait = next - timeline.Now;
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(wait));
            }
            var node = k % nodes + 1;
            var killedAt = timeline.Now;
            await cluster.RunAsync("kill", node.ToString(System.Globalization.CultureInfo.InvariantCulture));
            log.WriteLine($"# {killedAt:F1} s: kill -9 node {node} ({k + 1} of {kills})");
            await cluster.RunAsync("restart", node.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var readyAt = timeline.Now;
            log.WriteLine($"# {readyAt:F1} s: node {node} ready again, {readyAt - killedAt:F1} s after its kill");
            Kills.Add(new Kill(k + 1, node, killedAt, readyAt));
            next = killedAt + 20 + random.NextDouble() * 10;
        }
    }
}

/// <summary>One kill: which, of which node, when (seconds since the drill started), and when the node was ready again.</summary>
internal sealed record Kill(int Number, int Node, double KilledAt, double ReadyAt);
