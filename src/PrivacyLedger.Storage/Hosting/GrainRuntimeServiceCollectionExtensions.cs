using PrivacyLedger.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace PrivacyLedger.Runtime.Hosting;

public static class GrainRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the grain runtime as a singleton <see cref="IGrainFactory"/>, started and stopped with the host.
    /// A storage provider (grain state and reminders) must be registered too.
    /// </summary>
    public static IServiceCollection AddGrainRuntime(
        this IServiceCollection services,
        Action<GrainRegistry> registerGrains,
        Action<GrainRuntimeOptions>? configure = null)
    {
        var registry = new GrainRegistry();
        registerGrains(registry);
        services.AddSingleton(registry);
        services.AddOptions<GrainRuntimeOptions>().Configure(options => configure?.Invoke(options));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<GrainRuntime>();
        services.AddSingleton<IGrainFactory>(provider => provider.GetRequiredService<GrainRuntime>());
        // Only where the storage provider has a bulk loader (both of ours do).
        services.AddSingleton<BulkGrainCreator>();
        services.AddHostedService<GrainRuntimeHostedService>();
        return services;
    }
}

/// <summary>Starts the runtime with the host and shuts it down gracefully (turns finished, writes flushed) when the host stops.</summary>
internal sealed class GrainRuntimeHostedService(GrainRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runtime.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);
}
