using System.Globalization;

namespace PrivacyLedger.ClusterDrill;

/// <summary>
/// Orleans' message counters from each node's <c>GET /metrics</c> (Prometheus text): requests a silo sent to another silo
/// over the network (the count of the <c>orleans-messaging-sent-messages-size</c> histogram with
/// <c>ConnectionDirection="SiloToSilo"</c> and <c>MessageDirection="Request"</c>) and messages it delivered to itself
/// (<c>orleans-messaging-sent-local</c>, one per call made and served on the same silo: exactly one per operation with one
/// node). Over a scenario, remote / (remote + local) is the share of grain calls that crossed silos.
/// </summary>
internal static class OrleansMessages
{
    private const string Remote = "orleans_messaging_sent_messages_size_bytes_count";
    private const string Local = "orleans_messaging_sent_local_total";

    public static async Task<(double Remote, double Local)?> ScrapeAsync(IReadOnlyList<Uri> nodes, string metricsKey)
    {
        if (nodes.Count == 0)
        {
            return null;
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("X-Api-Key", metricsKey);
        double remote = 0, local = 0;
        foreach (var node in nodes)
        {
            var text = await http.GetStringAsync(new Uri(node, "/metrics"));
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith('#'))
                {
                    continue;
                }
                var name = line.Split('{', ' ')[0];
                var value = line.Length > 0 ? double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture) : 0;
                if (name == Remote && line.Contains("ConnectionDirection=\"SiloToSilo\"", StringComparison.Ordinal)
                    && line.Contains("MessageDirection=\"Request\"", StringComparison.Ordinal))
                {
                    remote += value;
                }
                else if (name == Local)
                {
                    local += value;
                }
            }
        }
        return (remote, local);
    }

    public static string Describe((double Remote, double Local)? before, (double Remote, double Local)? after)
    {
        if (before is not { } start || after is not { } end)
        {
            return "";
        }
        var remote = end.Remote - start.Remote;
        var local = end.Local - start.Local;
        return string.Create(CultureInfo.InvariantCulture,
            $"; Orleans calls: {remote:N0} sent to another silo, {local:N0} local, {(remote + local == 0 ? 0 : 100 * remote / (remote + local)):F1}% crossed");
    }
}
