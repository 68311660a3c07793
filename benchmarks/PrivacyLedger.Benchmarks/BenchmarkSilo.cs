using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Hosting;

namespace PrivacyLedger.Benchmarks;

/// <summary>One Orleans silo in this process, as the gateway co-hosts it, with grains called through its <see cref="IGrainFactory"/>.</summary>
internal sealed class BenchmarkSilo : IAsyncDisposable
{
    /// <summary>The name under which the write benchmarks register Orleans' ADO.NET grain storage.</summary>
    public const string AdoNetStorageName = "adonet";

    private readonly IHost _host;

    private BenchmarkSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    /// <summary>Starts a single-node silo on a free loopback port (no client gateway), warnings and errors logged to the console.</summary>
    public static async Task<BenchmarkSilo> StartAsync(Action<ISiloBuilder>? configureSilo = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddConsole().AddFilter(level => level >= LogLevel.Warning);
        configureServices?.Invoke(builder.Services);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: FreeLoopbackPort(), gatewayPort: 0);
            configureSilo?.Invoke(silo);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchmarkSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
