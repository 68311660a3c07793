using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// The gateway as a process of its own, from this test project's build of it, in Production as deployed: HTTP/JSON and
/// gRPC (h2c) on two free loopback ports, the storage settings given, one admin key. For clients that need real sockets.
/// </summary>
internal sealed class GrpcGatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private GrpcGatewayProcess(Process process, Uri http, Uri grpc, string adminKey)
    {
        _process = process;
        Http = http;
        Grpc = grpc;
        AdminKey = adminKey;
    }

    public Uri Http { get; }

    public Uri Grpc { get; }

    public string AdminKey { get; }

    /// <summary>What the process wrote, for a failing test's message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<GrpcGatewayProcess> StartAsync(IReadOnlyDictionary<string, string?> storageSettings)
    {
        var http = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var grpc = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var adminKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(GatewayBuild.Dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(GatewayBuild.Dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(http.ToString().TrimEnd('/'));
        var settings = new Dictionary<string, string?>(storageSettings)
        {
            ["Grpc:Url"] = grpc.ToString().TrimEnd('/'),
            ["Ledger:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Ledger:RegistersPath"] = Path.Combine(GatewayBuild.Root, "samples", "registers"),
            ["Ledger:SigningKeys:0:Kid"] = GatewayFactory.TestSigningKid,
            ["Ledger:SigningKeys:0:PrivateKey"] = GatewayFactory.TestSigningKey,
            ["Ledger:RequestWorkInterval"] = "00:00:01",
            ["Auth:ApiKeys:0:Name"] = "grpc-interop",
            ["Auth:ApiKeys:0:Role"] = "admin",
            ["Auth:ApiKeys:0:Key"] = adminKey,
            // A silo of its own, beside the gateways of tests running at the same time.
            ["Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = "0",
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = new Process { StartInfo = start };
        var gateway = new GrpcGatewayProcess(process, http, grpc, adminKey);
        process.OutputDataReceived += (_, line) => gateway.Append(line.Data);
        process.ErrorDataReceived += (_, line) => gateway.Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await gateway.WaitUntilReadyAsync();
            return gateway;
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = Http, Timeout = TimeSpan.FromSeconds(5) };
        var ready = await Eventually.TrueAsync(async () =>
        {
            if (_process.HasExited)
            {
                return true;
            }
            try
            {
                return (await client.GetAsync("/readyz")).IsSuccessStatusCode;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, TimeSpan.FromMinutes(2));
        if (!ready || _process.HasExited)
        {
            throw new InvalidOperationException($"The gateway did not become ready (exited: {_process.HasExited}):\n{Output}");
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    /// <summary>Kills the process this object started (no graceful stop needed: the test's storage is thrown away).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
