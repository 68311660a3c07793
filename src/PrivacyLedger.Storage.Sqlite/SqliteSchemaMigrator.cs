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
            return applied.Count;
        }, cancellationToken);

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
