using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// <c>deploy/run-with-postgres.sh</c> runs as the README says: PostgreSQL and the gateway with the development keys
/// (before, it ran in Production, where they do not work); and
/// <c>stop</c> leaves nothing of either running. Free ports and a data folder of the test's own.
/// </summary>
public sealed class DeployScriptTests : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("run-with-postgres-").FullName;
    private readonly int _postgresPort = FreePort.Next();
    private readonly int _gatewayPort = FreePort.Next();

    private string Url => $"http://127.0.0.1:{_gatewayPort}";

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_script_runs_the_gateway_with_the_development_keys_and_stop_leaves_nothing_running()
    {
        // The data folder's parent must be readable by the postgres user the script runs the server as.
        File.SetUnixFileMode(_work, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        using var script = Script();
        script.Start();
        script.BeginOutputReadLine();
        script.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(5) };
        Assert.True(await Eventually.TrueAsync(async () => !script.HasExited && await AnswersAsync(http, "/readyz"), TimeSpan.FromMinutes(4)),
            $"the gateway did not become ready (exited: {script.HasExited})");
        using var registers = new HttpRequestMessage(HttpMethod.Get, "/v1/registers") { Headers = { { "X-Api-Key", "dev-admin-key" } } };
        var response = await http.SendAsync(registers);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("pk-terveys-customers", await response.Content.ReadAsStringAsync());
        // A real Kestrel (the in-memory test server has none): its meter is in the scrape, read with the development metrics key.
        using var metrics = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { "X-Api-Key", "dev-metrics-key" } } };
        var scrape = await http.SendAsync(metrics);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("kestrel_", await scrape.Content.ReadAsStringAsync());

        await StopAsync();

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await script.WaitForExitAsync(patience.Token);
        Assert.False(LoopbackPort.IsListening(_gatewayPort), "the gateway still listens after stop");
        Assert.False(LoopbackPort.IsListening(_postgresPort), "PostgreSQL still listens after stop");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Stops whatever is left (a failed test too), then removes the data folder.</summary>
    public async Task DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_work, recursive: true);
    }

    private Process Script(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(GatewayBuild.Root, "deploy", "run-with-postgres.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // As a user runs it: no environment chosen, so the README's development one.
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment["PGPORT"] = _postgresPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["PGDATA_DIR"] = Path.Combine(_work, "pg");
        start.Environment["GATEWAY_URLS"] = Url;
        // A silo of its own, beside the gateways of tests running at the same time.
        start.Environment["Orleans__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = "0";
        // gRPC on a port of its own too: the default (5081) may be another gateway's on this machine.
        start.Environment["Grpc__Url"] = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}";
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        return process;
    }

    private async Task StopAsync()
    {
        using var stop = Script("stop");
        stop.Start();
        stop.BeginOutputReadLine();
        stop.BeginErrorReadLine();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await stop.WaitForExitAsync(patience.Token);
        Assert.Equal(0, stop.ExitCode);
    }

    private static async Task<bool> AnswersAsync(HttpClient http, string path)
    {
        try
        {
            return (await http.GetAsync(path)).IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
