using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Postgres;

public static class PostgresStorageServiceCollectionExtensions
{
    /// <summary>PostgreSQL as the grains' storage: grain state, event streams, ordered sets, unique indexes, bulk loads, schema migration at start-up, health.</summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, Action<PostgresStorageOptions> configure)
    {
        var options = new PostgresStorageOptions();
        configure(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new PostgresDatabase(options));
        services.AddSingleton<PostgresNames>();
        services.AddSingleton<IGrainStateStore, PostgresGrainStateStore>();
        services.AddSingleton<IEventStreamStore, PostgresEventStreamStore>();
        services.AddSingleton<IOrderedSetStore, PostgresOrderedSetStore>();
        services.AddSingleton<IUniqueIndexStore, PostgresUniqueIndexStore>();
        services.AddSingleton<IBulkGrainLoader, PostgresBulkGrainLoader>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStorageInitializer, PostgresSchemaMigrator>());
        services.AddSingleton<IStorageHealth, PostgresStorageHealth>();
        return services;
    }
}
