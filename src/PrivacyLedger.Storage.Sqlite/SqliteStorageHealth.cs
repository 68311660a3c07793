using Microsoft.Data.Sqlite;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Sqlite;

public sealed class SqliteStorageHealth(SqliteDatabase database) : IStorageHealth
{
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenReadConnectionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1 FROM schema_migrations LIMIT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
    }
}
