using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// <c>deploy/cluster.sh</c> as an operator runs it: <c>up</c> two nodes behind HAProxy on a throwaway PostgreSQL, a
/// request through the printed url, SIGKILL of node 1 while the url keeps answering, <c>restart 1</c>, <c>status</c>,
/// and <c>down</c> leaving nothing running. The nodes run this test project's build of the gateway
/// (<c>CLUSTER_GATEWAY_DLL</c>), so the script does not build one; ports and the state folder are the test's own.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class DeployClusterScriptTests : IAsyncLifetime
{
    private static readonly TimeSpan ScriptPatience = TimeSpan.FromMinutes(3);
    private readonly string _state = Directory.CreateTempSubdirectory("cluster-sh-").FullName;
    private readonly int _port = FreeBlock();

    [Fact]
    public async Task Up_serves_through_haproxy_survives_a_killed_node_restarts_it_and_down_leaves_nothing_running()
    {
        var up = await RunAsync("up", "--nodes", "2");
        Assert.True(up.ExitCode == 0, up.Output);
        var url = UrlLine().Match(up.Output);
        Assert.True(url.Success, "no `url:` line in:\n" + up.Output);
        Assert.Equal($"http://127.0.0.1:{_port}", url.Groups[1].Value);
        var pids = Pids(up.Output);
        Assert.Equal(4, pids.Count); // two nodes, HAProxy, and the PostgreSQL the script started

        using var http = new HttpClient { BaseAddress = new Uri(url.Groups[1].Value), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("X-Api-Key", "dev-admin-key");
        var enrolled = await http.PostAsJsonAsync("/v1/registers/pk-terveys-customers/members", new
        {
            identifiers = new[] { new { kind = "email", value = "cluster-sh@example.fi" } },
            contact = new { givenName = "Klusteri" },
            source = "test",
        });
        Assert.Equal(HttpStatusCode.Created, enrolled.StatusCode);
        var subjectId = (await enrolled.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();

        var kill = await RunAsync("kill", "1");
        Assert.True(kill.ExitCode == 0, kill.Output);
        Assert.True(await Eventually.TrueAsync(() => !Alive(pids[0]), TimeSpan.FromSeconds(15)), "node 1 still runs after kill");
        // At once: HAProxy sends the refused connection to node 2 (retry of a connection never made) instead of failing it.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
        // The person's grain may have lived on node 1: served by node 2 once membership has declared node 1 dead.
        Assert.True(await Eventually.TrueAsync(async () => (await http.GetAsync($"/v1/subjects/{subjectId}")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30)), "the person was not served by the surviving node");

        var restart = await RunAsync("restart", "1");
        Assert.True(restart.ExitCode == 0, restart.Output);
        var status = await RunAsync("status");
        Assert.True(status.ExitCode == 0, status.Output);
        Assert.Matches(@"node 1: pid \d+ running, .*readyz 200", status.Output);
        Assert.Matches(@"node 2: pid \d+ running, .*readyz 200", status.Output);
        Assert.Contains("postgresql: 127.0.0.1:", status.Output);
        var running = Pids(status.Output);
        Assert.NotEqual(pids[0], running[0]);

        var down = await RunAsync("down");
        Assert.True(down.ExitCode == 0, down.Output);
        // A process that has exited may stay a zombie until init reaps it: give that a moment.
        Assert.True(await Eventually.TrueAsync(() => !running.Any(Alive), TimeSpan.FromSeconds(15)),
            $"still running after down: {string.Join(", ", running.Where(Alive))}\n{status.Output}");
        foreach (var port in new[] { _port, _port + 1, _port + 2, _port + 101, _port + 102, _port + 300 })
        {
            Assert.False(LoopbackPort.IsListening(port), $"port {port} still listens after down");
        }
    }

    public Task InitializeAsync()
    {
        // The PostgreSQL data folder inside must be reachable by the postgres user the script runs the server as.
        File.SetUnixFileMode(_state, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return Task.CompletedTask;
    }

    /// <summary>Stops whatever a failed test left, then removes the state folder.</summary>
    public async Task DisposeAsync()
    {
        if (File.Exists(Path.Combine(_state, "cluster.conf")))
        {
            await RunAsync("down");
        }
        Directory.Delete(_state, recursive: true);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(GatewayBuild.Root, "deploy", "cluster.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // As a user runs it, no environment chosen (the development keys), with this test's build, ports and folder.
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment["CLUSTER_STATE_DIR"] = _state;
        start.Environment["CLUSTER_PORT"] = _port.ToString(CultureInfo.InvariantCulture);
        start.Environment["CLUSTER_GATEWAY_DLL"] = GatewayBuild.Dll;
        start.Environment["CLUSTER_ID"] = "cluster-sh-test";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(ScriptPatience);
        await process.WaitForExitAsync(patience.Token);
        return (process.ExitCode, $"$ cluster.sh {string.Join(' ', arguments)}\n{await output}{await error}");
    }

    /// <summary>The pids in the order printed: node 1, node 2, HAProxy; then PostgreSQL's postmaster from its pid file.</summary>
    private List<int> Pids(string output)
    {
        var pids = PidMention().Matches(output).Select(match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var postmaster = Path.Combine(_state, "pg", "db", "postmaster.pid");
        if (File.Exists(postmaster))
        {
            pids.Add(int.Parse(File.ReadLines(postmaster).First(), CultureInfo.InvariantCulture));
        }
        return pids;
    }

    /// <summary>Running, and not a zombie (state Z after the command name in /proc/pid/stat).</summary>
    private static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() is not ('Z' or default(char));
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>A base port whose whole block (HAProxy, node HTTP, silo and gateway ports, PostgreSQL, stats) is free now.</summary>
    private static int FreeBlock()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var candidate = Random.Shared.Next(20_000, 40_000);
            int[] block = [candidate, candidate + 1, candidate + 2, candidate + 101, candidate + 102, candidate + 201, candidate + 202, candidate + 300, candidate + 400];
            if (block.All(Free))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("no free block of loopback ports found");
    }

    private static bool Free(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }


    [GeneratedRegex(@"^url: (http://127\.0\.0\.1:\d+)$", RegexOptions.Multiline)]
    private static partial Regex UrlLine();

    [GeneratedRegex(@"^(?:node \d+|haproxy): pid (\d+)", RegexOptions.Multiline)]
    private static partial Regex PidMention();
}
