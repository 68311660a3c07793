using Npgsql;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Postgres;

/// <summary>
/// Creates the schema and applies the embedded scripts not yet applied, in one transaction under an
/// advisory lock, so several nodes starting together migrate once.
/// </summary>
public sealed class PostgresSchemaMigrator(PostgresDatabase database) : IStorageInitializer
{
    private static readonly IReadOnlyList<SchemaScript> Scripts = SchemaScript.LoadEmbedded(typeof(PostgresSchemaMigrator).Assembly);

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"""
            SELECT pg_advisory_xact_lock(hashtext('privacy-ledger-schema:{database.Schema}'));
            CREATE SCHEMA IF NOT EXISTS "{database.Schema}";
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now());
            """, cancellationToken);

        var applied = new HashSet<int>();
        await using (var query = new NpgsqlCommand("SELECT version FROM schema_migrations", connection))
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        foreach (var script in Scripts.Where(script => !applied.Contains(script.Version)))
        {
            await ExecuteAsync(connection, script.Sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", connection);
            record.Parameters.Add(new() { Value = script.Version });
            record.Parameters.Add(new() { Value = script.Name });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await ClaimForServiceAsync(connection, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// A schema holds one service's rows (they do not repeat its id): the first node to start records its service, and
    /// a node of another service is refused before it reads or writes anything.
    /// </summary>
    private async Task ClaimForServiceAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // One statement (parameters allow no more): the row this inserted, or else the one it found.
        await using var claim = new NpgsqlCommand("""
            WITH claimed AS (INSERT INTO service (service_id) VALUES ($1) ON CONFLICT (singleton) DO NOTHING RETURNING service_id)
            SELECT service_id FROM claimed UNION ALL SELECT service_id FROM service LIMIT 1
            """, connection);
        claim.Parameters.Add(new() { Value = database.ServiceId });
        var owner = (string?)await claim.ExecuteScalarAsync(cancellationToken);
        if (owner != database.ServiceId)
        {
            throw new InvalidOperationException(
                $"PostgreSQL schema '{database.Schema}' holds the data of service '{owner}', not of this node's service '{database.ServiceId}': "
                + "give each service a schema of its own (Ledger:Postgres:Schema), or set the service id (Ledger:ServiceId) the schema was made for.");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        // No timeout: an upgrade that rebuilds the per-person tables takes as long as their rows do, and cut off at
        // Npgsql's default 30 s it would roll back and fail every start. Start-up's cancellation still stops it.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
