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
            var postgres = new PostgresStorageOptions { ConnectionString = connectionString };
            postgres.Schema = configuration["Ledger:Postgres:Schema"] ?? postgres.Schema;
            postgres.ServiceId = serviceId ?? postgres.ServiceId;
            // Checked when the host starts, with the other settings, before anything connects or parses it again.
            builder.Services.AddOptions<PostgresStorageOptions>()
                .Configure(options => options.ConnectionString = postgres.ConnectionString)
                .Validate(options => ConnectionStringCheck.IsWellFormed(options.ConnectionString), ConnectionStringCheck.Problem)
                .ValidateOnStart();
            builder.Services.AddPostgresStorage(options =>
            {
                options.ConnectionString = postgres.ConnectionString;
                options.Schema = postgres.Schema;
                options.ServiceId = postgres.ServiceId;
            });
            return new LedgerEngine((silo, _) => silo.UsePostgresClusteringAndReminders(postgres));
        }
        var dataDirectory = Path.GetFullPath(configuration["Ledger:DataDirectory"] ?? "data", builder.Environment.ContentRootPath);
        var sqlite = new SqliteStorageOptions { DatabasePath = Path.Combine(dataDirectory, "ledger.db") };
        sqlite.ServiceId = serviceId ?? sqlite.ServiceId;
        builder.Services.AddSqliteStorage(options =>
        {
            options.DatabasePath = sqlite.DatabasePath;
            options.ServiceId = sqlite.ServiceId;
        });
        return new LedgerEngine((silo, placement) =>
        {
            // One node, its own cluster's primary; reminders in the same file, so campaigns resume after a restart.
            silo.UseDevelopmentClustering(new IPEndPoint(IPAddress.Parse(placement.AdvertisedIPAddress), placement.SiloPort));
            silo.UseSqliteReminders(sqlite);
        });
    }
}
