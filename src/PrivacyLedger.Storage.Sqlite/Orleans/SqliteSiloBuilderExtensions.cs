using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace PrivacyLedger.Storage.Sqlite;

public static class SqliteSiloBuilderExtensions
{
    /// <summary>
    /// Orleans reminders in the embedded SQLite file, for a single-node silo: <see cref="SqliteReminderTable"/>
    /// under the silo's ClusterOptions.ServiceId. Reminders survive a restart on the same file. TryAdd for the
    /// database: a host that also registers the grains' SQLite storage ends up with one writer on the file,
    /// since the last registration is the one resolved either way.
    /// </summary>
    public static ISiloBuilder UseSqliteReminders(this ISiloBuilder silo, SqliteStorageOptions options)
    {
        silo.Services.AddSqliteReminderTable(options);
        return silo;
    }

    /// <summary>The registration apart from a silo, so that tests can resolve the table alone.</summary>
    internal static IServiceCollection AddSqliteReminderTable(this IServiceCollection services, SqliteStorageOptions options)
    {
        services.TryAddSingleton(_ => new SqliteDatabase(options));
        services.AddReminders();
        services.AddSingleton<IReminderTable>(provider => new SqliteReminderTable(
            provider.GetRequiredService<SqliteDatabase>(),
            provider.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        return services;
    }
}
