using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using PrivacyLedger.Storage.Orleans;

namespace PrivacyLedger.Storage.Postgres;

/// <summary>
/// Orleans' own ADO.NET membership and reminder providers, on this storage's PostgreSQL schema. The providers'
/// statements are the ones schema scripts 003-005 put in OrleansQuery; the silo migrates the schema itself
/// before membership starts, so a fresh database needs nothing run by hand.
/// </summary>
public static class PostgresSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant name that makes Orleans' providers talk Npgsql.</summary>
    internal const string Invariant = "Npgsql";

    /// <summary>Cluster membership (silo rows, failure detection, the gateway list) in the schema's OrleansMembership tables.</summary>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder silo, PostgresStorageOptions options)
    {
        silo.Services.AddPostgresOrleansSchema(options);
        return silo.UseAdoNetClustering(clustering => clustering.Configure<PostgresDatabase>((settings, database) =>
        {
            settings.Invariant = Invariant;
            settings.DataSource = database.DataSource;
        }));
    }

    /// <summary>Reminders in the schema's OrleansRemindersTable (also calls <c>AddReminders</c>).</summary>
    public static ISiloBuilder UsePostgresReminders(this ISiloBuilder silo, PostgresStorageOptions options)
    {
        silo.Services.AddPostgresReminderTable(options);
        return silo;
    }

    /// <summary>Both of the above, the usual pair for a PostgreSQL cluster.</summary>
    public static ISiloBuilder UsePostgresClusteringAndReminders(this ISiloBuilder silo, PostgresStorageOptions options) =>
        silo.UsePostgresClustering(options).UsePostgresReminders(options);

    /// <summary>The reminder table's registration, apart from a silo so that tests can resolve the table alone.</summary>
    internal static IServiceCollection AddPostgresReminderTable(this IServiceCollection services, PostgresStorageOptions options)
    {
        services.AddPostgresOrleansSchema(options);
        return services.UseAdoNetReminderService(reminders => reminders.Configure<PostgresDatabase>((settings, database) =>
        {
            settings.Invariant = Invariant;
            settings.DataSource = database.DataSource;
        }));
    }

    /// <summary>
    /// The one <see cref="PostgresDatabase"/> (whose data source already sets search_path to the schema, which is
    /// how Orleans' unqualified statements land there) and the migration at silo start. TryAdd: a host that also
    /// registers the grains' PostgreSQL storage shares one database object, since the last registration is the
    /// one resolved either way.
    /// </summary>
    private static void AddPostgresOrleansSchema(this IServiceCollection services, PostgresStorageOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        services.TryAddSingleton(_ => new PostgresDatabase(options));
        // The same migrator and start-up step as the grains' storage: the schema is migrated once per silo start.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStorageInitializer, PostgresSchemaMigrator>());
        services.AddStorageInitialization();
    }
}
