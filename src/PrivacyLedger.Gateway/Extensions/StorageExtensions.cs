using PrivacyLedger.Storage.Postgres;
using PrivacyLedger.Storage.Sqlite;

namespace PrivacyLedger.Gateway.Extensions;

internal static class StorageExtensions
{
    /// <summary>
    /// <c>ConnectionStrings:Ledger</c> set: PostgreSQL, the system of record shared by every node.
    /// Otherwise: an embedded SQLite file under <c>Ledger:DataDirectory</c> (default <c>data</c>, relative to the
    /// content root), for one node.
    /// </summary>
    public static WebApplicationBuilder AddLedgerStorage(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var connectionString = configuration.GetConnectionString("Ledger");
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            builder.Services.AddPostgresStorage(options =>
            {
                options.ConnectionString = connectionString;
                options.Schema = configuration["Ledger:Postgres:Schema"] ?? options.Schema;
                options.ServiceId = configuration["Ledger:ServiceId"] ?? options.ServiceId;
            });
        }
        else
        {
            var dataDirectory = Path.GetFullPath(configuration["Ledger:DataDirectory"] ?? "data", builder.Environment.ContentRootPath);
            builder.Services.AddSqliteStorage(options =>
            {
                options.DatabasePath = Path.Combine(dataDirectory, "ledger.db");
                options.ServiceId = configuration["Ledger:ServiceId"] ?? options.ServiceId;
            });
        }
        return builder;
    }
}
