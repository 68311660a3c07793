using System.Diagnostics;
using System.Globalization;

namespace PrivacyLedger.Gateway.Tests.Cluster;

/// <summary>
/// One gateway node as a real process (<c>dotnet PrivacyLedger.Gateway.dll</c>, Production), with HTTP and silo ports of
/// its own, in the cluster its settings name. Killed with SIGKILL by <see cref="Kill"/>; stopped with SIGTERM on dispose.
/// Its output goes to a log file the test reports when something fails.
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ChildProcessLog _log;

    private NodeProcess(Process process, ChildProcessLog log, int httpPort)
    {
        _process = process;
        _log = log;
        HttpPort = httpPort;
    }

    public int HttpPort { get; }

    public string LogPath => _log.Path;

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");

    public bool HasExited => _process.HasExited;

    /// <param name="settings">Configuration as environment variables (<c>__</c> for <c>:</c>).</param>
    public static NodeProcess Start(string name, IReadOnlyDictionary<string, string> settings, string logFolder)
    {
        var httpPort = Testing.FreePort.Next();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(GatewayBuild.Dll)! };
        start.ArgumentList.Add(GatewayBuild.Dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{httpPort}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Orleans__SiloPort"] = Testing.FreePort.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = Testing.FreePort.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["Grpc__Url"] = $"http://127.0.0.1:{Testing.FreePort.Next()}";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        var (process, log) = ChildProcessLog.Start(start, Path.Combine(logFolder, name + ".log"));
        return new NodeProcess(process, log, httpPort);
    }

    /// <summary>kill -9: no drain, no goodbye to the cluster; membership has to find out.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>The last lines of the node's log, for a failure message.</summary>
    public string LogTail() => _log.Tail();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }
        _process.Dispose();
        _log.Dispose();
    }
}
