using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;

namespace PrivacyLedger.Storage.Orleans;

public static class StorageSiloBuilderExtensions
{
    /// <summary>The storage provider name under which the batched store serves <c>[PersistentState]</c>.</summary>
    public const string StorageName = "ledger";

    /// <summary>
    /// Puts grain state in the batched store over the engine's <see cref="IGrainStateStore"/> (registered separately
    /// by an engine): <see cref="DurableStateAttribute"/> state, the <c>"ledger"</c> grain storage (also the default),
    /// the filter that drops an activation after a failed write turn, and the engine's schema
    /// migrations as the silo's first start-up step.
    /// </summary>
    public static ISiloBuilder AddBatchedGrainStorage(this ISiloBuilder silo, Action<BatchedStoreOptions>? configure = null)
    {
        var services = silo.Services;
        services.AddOptions<BatchedStoreOptions>().Configure(options => configure?.Invoke(options));
        services.AddMetrics();
        services.TryAddSingleton<IGrainStateSerializer, CodecGrainStateSerializer>();
        services.TryAddSingleton<StorageMetrics>();
        services.TryAddSingleton<BatchedGrainStateStore>();
        services.TryAddSingleton<BulkGrainCreator>();
        services.AddSingleton(typeof(IAttributeToFactoryMapper<DurableStateAttribute>), typeof(DurableStateAttributeMapper));
        services.AddGrainStorage(StorageName, (provider, _) => ActivatorUtilities.CreateInstance<BatchedGrainStorage>(provider));
        services.TryAddSingleton(provider => provider.GetRequiredKeyedService<global::Orleans.Storage.IGrainStorage>(StorageName));
        services.AddStorageInitialization();
        silo.AddIncomingGrainCallFilter<FailedTurnFilter>();
        return silo;
    }

    /// <summary>
    /// Runs every registered <see cref="IStorageInitializer"/> (an engine's schema migrations, the tables of Orleans'
    /// own providers included) as the silo's first start-up step. Registered once however many callers ask.
    /// </summary>
    public static IServiceCollection AddStorageInitialization(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, StorageInitialization>());
        return services;
    }
}
