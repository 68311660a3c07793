using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Sqlite;

public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>An embedded SQLite file as the grains' storage: grain state, event streams, ordered sets, unique indexes, bulk loads, schema at start-up, health.</summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, Action<SqliteStorageOptions> configure)
    {
        var options = new SqliteStorageOptions();
        configure(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new SqliteDatabase(options));
        services.AddSingleton<IGrainStateStore, SqliteGrainStateStore>();
        services.AddSingleton<IEventStreamStore, SqliteEventStreamStore>();
        services.AddSingleton<IOrderedSetStore, SqliteOrderedSetStore>();
        services.AddSingleton<IUniqueIndexStore, SqliteUniqueIndexStore>();
        services.AddSingleton<IBulkGrainLoader, SqliteBulkGrainLoader>();
        services.AddSingleton<IStorageInitializer, SqliteSchemaMigrator>();
        services.AddSingleton<IStorageHealth, SqliteStorageHealth>();
        return services;
    }
}
