using System.Net;
using PrivacyLedger.Storage.Postgres;
using PrivacyLedger.Storage.Sqlite;

namespace PrivacyLedger.Gateway.Extensions;

internal static class StorageExtensions
{
    /// <summary>
    /// <c>ConnectionStrings:Ledger</c> set: PostgreSQL, the system of record shared by every node, which also holds
    /// the cluster's membership and reminders. Otherwise: an embedded SQLite file under <c>Ledger:DataDirectory</c>
    /// (default <c>data</c>, relative to the content root), for one node, with its reminders in the same file.
    /// </summary>
    public static LedgerEngine AddLedgerStorage(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var serviceId = configuration["Ledger:ServiceId"];
        var connectionString = configuration.GetConnectionString("Ledger");
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            builder.Services.AddPostgresStorage(options =>
            {
                options.ConnectionString = connectionString;
                options.Schema = configuration["Ledger:Postgres:Schema"] ?? options.Schema;
                options.ServiceId = serviceId ?? options.ServiceId;
            });
            return new LedgerEngine("postgres", (silo, placement) =>
            {
                // TODO(orleans-reminders): ADO.NET clustering and reminders on PostgreSQL.
                silo.UseDevelopmentClustering(new IPEndPoint(IPAddress.Parse(placement.AdvertisedIPAddress), placement.SiloPort));
                silo.UseInMemoryReminderService();
            });
        }
        var dataDirectory = Path.GetFullPath(configuration["Ledger:DataDirectory"] ?? "data", builder.Environment.ContentRootPath);
        builder.Services.AddSqliteStorage(options =>
        {
            options.DatabasePath = Path.Combine(dataDirectory, "ledger.db");
            options.ServiceId = serviceId ?? options.ServiceId;
        });
        return new LedgerEngine("sqlite", (silo, placement) =>
        {
            // One node: it is its own cluster's primary.
            silo.UseDevelopmentClustering(new IPEndPoint(IPAddress.Parse(placement.AdvertisedIPAddress), placement.SiloPort));
            silo.UseInMemoryReminderService();
        });
    }
}
