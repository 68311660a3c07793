using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Postgres;

public sealed class PostgresStorageHealth(PostgresDatabase database) : IStorageHealth
{
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = database.DataSource.CreateCommand("SELECT 1 FROM schema_migrations LIMIT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return false;
        }
    }
}
