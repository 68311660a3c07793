using Microsoft.Data.Sqlite;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Sqlite;

/// <summary>Applies the embedded scripts not yet applied, in one IMMEDIATE transaction, on every start.</summary>
public sealed class SqliteSchemaMigrator(SqliteDatabase database) : IStorageInitializer
{
    private static readonly IReadOnlyList<SchemaScript> Scripts = SchemaScript.LoadEmbedded(typeof(SqliteSchemaMigrator).Assembly);

    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) =>
        {
            Execute(connection, transaction, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    INTEGER PRIMARY KEY,
                    name       TEXT    NOT NULL,
                    applied_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))
                """);
            var applied = new HashSet<long>();
            using (var query = connection.CreateCommand())
            {
                query.Transaction = transaction;
                query.CommandText = "SELECT version FROM schema_migrations";
                using var reader = query.ExecuteReader();
                while (reader.Read())
                {
                    applied.Add(reader.GetInt64(0));
                }
            }
            // Scripts that convert stored keys call the engine's own encoder, so SQL and code can never disagree on the form.
            connection.CreateFunction<string, byte[]>("compact_key", CompactKey.Encode, isDeterministic: true);
            connection.CreateFunction<string, byte[]>("ordered_key", OrderedKey.Encode, isDeterministic: true);
            connection.CreateFunction<byte[], byte[]>("recompact", EarlierStoredForms.Recompact, isDeterministic: true);
            connection.CreateFunction<byte[], byte[]>("compact_wrapped", EarlierStoredForms.CompactWrapped, isDeterministic: true);
            connection.CreateFunction<byte[], byte[]>("reencode", EarlierStoredForms.Reencode, isDeterministic: true);
            foreach (var script in Scripts.Where(script => !applied.Contains(script.Version)))
            {
                Execute(connection, transaction, script.Sql);
                using var record = connection.CreateCommand();
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, name) VALUES ($version, $name)";
                record.Parameters.AddWithValue("$version", script.Version);
                record.Parameters.AddWithValue("$name", script.Name);
                record.ExecuteNonQuery();
            }
            ClaimForService(connection, transaction);
            return applied.Count;
        }, cancellationToken);

    /// <summary>
    /// A file holds one service's rows (they do not repeat its id): the first start records its service, and a node of
    /// another service is refused before it reads or writes anything.
    /// </summary>
    private void ClaimForService(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var claim = connection.CreateCommand();
        claim.Transaction = transaction;
        claim.CommandText = """
            INSERT INTO service (singleton, service_id) VALUES (1, $service) ON CONFLICT (singleton) DO NOTHING;
            SELECT service_id FROM service;
            """;
        claim.Parameters.AddWithValue("$service", database.ServiceId);
        var owner = (string?)claim.ExecuteScalar();
        if (owner != database.ServiceId)
        {
            throw new InvalidOperationException(
                $"SQLite file '{database.DatabasePath}' holds the data of service '{owner}', not of this node's service '{database.ServiceId}': "
                + "give each service a file of its own (Ledger:DataDirectory), or set the service id (Ledger:ServiceId) the file was made for.");
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
