using Microsoft.Data.Sqlite;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Sqlite;

/// <summary>
/// Grain state in SQLite. A batch is one transaction, so it costs one commit (one fsync) however many
/// grains it holds; the statements inside are in-process calls. A write's stream appends and set changes
/// run in the same transaction, after the write and only if it succeeded. Rows hold the grain type's number
/// (<see cref="SqliteNames"/>) and no write time: nothing read it.
/// </summary>
public sealed class SqliteGrainStateStore(SqliteDatabase database) : IGrainStateStore
{
    private const string ReadSql = "SELECT version, payload FROM grain_state WHERE grain_type = (SELECT id FROM names WHERE name = $type) AND grain_key = $key";

    public async Task<StoredGrainState?> ReadAsync(GrainKey grainId, CancellationToken cancellationToken = default) =>
        (await ReadManyAsync([grainId], cancellationToken))[0];

    /// <summary>
    /// In-process, so a round trip costs nothing to save: one connection and one prepared statement run once per
    /// grain, inside one read transaction so that the whole batch sees one snapshot.
    /// </summary>
    public async Task<IReadOnlyList<StoredGrainState?>> ReadManyAsync(IReadOnlyList<GrainKey> grainIds, CancellationToken cancellationToken = default)
    {
        var states = new StoredGrainState?[grainIds.Count];
        if (grainIds.Count == 0)
        {
            return states;
        }
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = ReadSql;
        var type = command.Parameters.Add("$type", SqliteType.Text);
        var key = command.Parameters.Add("$key", SqliteType.Blob);
        for (var i = 0; i < grainIds.Count; i++)
        {
            type.Value = grainIds[i].Type;
            key.Value = CompactKey.Encode(grainIds[i].Key);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                var payload = reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1);
                states[i] = new StoredGrainState(payload, reader.GetInt64(0));
            }
        }
        return states;
    }

    public Task<IReadOnlyList<StateWriteResult>> WriteAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken = default)
    {
        if (writes.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<StateWriteResult>>([]);
        }
        return database.WriteAsync<IReadOnlyList<StateWriteResult>>((connection, transaction) =>
        {
            var names = SqliteNames.Number(connection, transaction, SideEffectCommands.NamesOf(writes));
            using var insert = Prepare(connection, transaction, """
                INSERT INTO grain_state (grain_type, grain_key, version, payload)
                VALUES ($type, $key, 1, $payload)
                ON CONFLICT (grain_type, grain_key) DO NOTHING
                RETURNING version
                """);
            using var update = Prepare(connection, transaction, """
                UPDATE grain_state SET version = version + 1, payload = $payload
                 WHERE grain_type = $type AND grain_key = $key AND version = $expected
                RETURNING version
                """);
            var expected = update.Parameters.Add("$expected", SqliteType.Integer);
            using var sideEffects = new SideEffectCommands(connection, transaction, names);

            var results = new StateWriteResult[writes.Count];
            for (var i = 0; i < writes.Count; i++)
            {
                var write = writes[i];
                var command = write.ExpectedVersion == 0 ? insert : update;
                expected.Value = write.ExpectedVersion;
                command.Parameters["$type"].Value = names[write.GrainKey.Type];
                command.Parameters["$key"].Value = CompactKey.Encode(write.GrainKey.Key);
                command.Parameters["$payload"].Value = (object?)write.Payload ?? DBNull.Value;
                results[i] = command.ExecuteScalar() is long version ? StateWriteResult.Written(version) : StateWriteResult.Conflict;
                if (!results[i].IsConflict)
                {
                    sideEffects.Apply(write);
                }
            }
            return results;
        }, cancellationToken);
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.Add("$type", SqliteType.Integer);
        command.Parameters.Add("$key", SqliteType.Blob);
        command.Parameters.Add("$payload", SqliteType.Blob);
        return command;
    }
}
