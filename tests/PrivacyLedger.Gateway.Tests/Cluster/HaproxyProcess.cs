using System.Diagnostics;
using System.Globalization;

namespace PrivacyLedger.Gateway.Tests.Cluster;

/// <summary>
/// HAProxy (the distribution's package) in front of the nodes, on a configuration the test writes: round robin over
/// the nodes that answer <c>/readyz</c> 200, a node out after two failed checks half a second apart. A request is sent
/// again (to another node) only when the connection to a node could not be made, so it never reached a node: a
/// request that may have changed something is never retried.
/// </summary>
internal sealed class HaproxyProcess : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/haproxy";

    private readonly Process _process;

    private readonly ChildProcessLog _log;

    private HaproxyProcess(Process process, int port, ChildProcessLog log)
    {
        _process = process;
        _log = log;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public static string Configuration(int port, IEnumerable<int> nodePorts) => string.Join('\n',
    [
        "global",
        "  maxconn 512",
        "defaults",
        "  mode http",
        "  timeout connect 1s",
        "  timeout client 30s",
        "  timeout server 30s",
        // Connection failures only (the request never left HAProxy), to another node.
        "  retries 2",
        "  option redispatch 1",
        "  retry-on conn-failure",
        "frontend ledger",
        $"  bind 127.0.0.1:{port}",
        "  default_backend nodes",
        "backend nodes",
        "  balance roundrobin",
        "  option httpchk GET /readyz",
        "  http-check expect status 200",
        "  default-server inter 500ms fall 2 rise 2",
        .. nodePorts.Select((nodePort, i) => $"  server node{i + 1} 127.0.0.1:{nodePort} check"),
        "",
    ]);

    public static HaproxyProcess Start(IEnumerable<int> nodePorts, string folder)
    {
        var port = Testing.FreePort.Next();
        var configPath = Path.Combine(folder, "haproxy.cfg");
        File.WriteAllText(configPath, Configuration(port, nodePorts));
        var start = new ProcessStartInfo(Executable);
        // -db: in the foreground, so the test owns the process and its end.
        start.ArgumentList.Add("-db");
        start.ArgumentList.Add("-f");
        start.ArgumentList.Add(configPath);
        var (process, log) = ChildProcessLog.Start(start, Path.Combine(folder, "haproxy.log"));
        return new HaproxyProcess(process, port, log);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _log.Dispose();
    }
}
