using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PrivacyLedger.LoadTest.Hosting;

/// <summary>How the run starts its own gateway: on which PostgreSQL, with which keys, where its log goes.</summary>
internal sealed record GatewaySettings(string ConnectionString, string MasterKey, string AdminKey, string RegistersPath, string LogPath, bool PerfMap);

/// <summary>
/// The gateway as a child process, started from its own build output in the Production environment, exactly as it
/// is deployed: Kestrel on a loopback port (and gRPC, h2c, on another), server GC. A separate process keeps the gateway's CPU and memory apart
/// from the load generator's, and lets the run restart it to measure memory from a clean start.
/// </summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private GatewayProcess(Process process, StreamWriter log, Uri baseAddress, Uri grpcAddress)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
        GrpcAddress = grpcAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The gateway's gRPC listener (<c>Grpc:Url</c>), on a free port of its own.</summary>
    public Uri GrpcAddress { get; }

    public int Pid => _process.Id;

    public static async Task<GatewayProcess> StartAsync(RepositoryPaths paths, GatewaySettings settings, CancellationToken cancellationToken)
    {
        var dll = Path.Combine(paths.GatewayDirectory, "PrivacyLedger.Gateway.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The gateway is not built at {dll}; run through 'dotnet run -c Release --project benchmarks/PrivacyLedger.LoadTest', which builds it.");
        }
        var baseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        var grpcAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = paths.GatewayDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        var environment = start.Environment;
        environment["DOTNET_ENVIRONMENT"] = "Production";
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["ConnectionStrings__Ledger"] = settings.ConnectionString;
        environment["Grpc__Url"] = grpcAddress.ToString().TrimEnd('/');
        environment["Ledger__MasterKey"] = settings.MasterKey;
        environment["Ledger__RegistersPath"] = settings.RegistersPath;
        environment["Auth__ApiKeys__0__Key"] = settings.AdminKey;
        environment["Auth__ApiKeys__0__Role"] = "admin";
        environment["Auth__ApiKeys__0__Name"] = "load-test";
        // Production needs a receipt-signing key; a run's own, thrown away with it.
        using (var signing = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256))
        {
            environment["Ledger__SigningKeys__0__Kid"] = "load-test";
            environment["Ledger__SigningKeys__0__PrivateKey"] = Convert.ToBase64String(signing.ExportPkcs8PrivateKey());
        }
        if (settings.PerfMap)
        {
            // perf can name JIT-compiled frames only from the map the runtime writes to /tmp/perf-<pid>.map, and only
            // where the code is not behind the write-xor-execute double mapping (memfd:doublemapper).
            environment["DOTNET_PerfMapEnabled"] = "1";
            environment["DOTNET_EnableWriteXorExecute"] = "0";
        }

        var log = new StreamWriter(settings.LogPath, append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the gateway.");
        process.OutputDataReceived += (_, line) => WriteLine(log, line.Data);
        process.ErrorDataReceived += (_, line) => WriteLine(log, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var gateway = new GatewayProcess(process, log, baseAddress, grpcAddress);
        try
        {
            await gateway.WaitUntilReadyAsync(settings.LogPath, cancellationToken);
            return gateway;
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync(string logPath, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The gateway exited with {_process.ExitCode} while starting; see {logPath}.");
            }
            try
            {
                using var response = await http.GetAsync("/readyz", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException($"The gateway was not ready within 90 s; see {logPath}.");
    }

    /// <summary>SIGTERM, so the host shuts down gracefully (the runtime flushes its writes); killed if it takes over two minutes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await Tool.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], CancellationToken.None);
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        await _log.DisposeAsync();
    }

    private static void WriteLine(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
