using Microsoft.Data.Sqlite;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Sqlite;

/// <summary>
/// Grain state in SQLite. A batch is one transaction, so it costs one commit (one fsync) however many
/// grains it holds; the statements inside are in-process calls. A write's stream appends and set changes
/// run in the same transaction, after the write and only if it succeeded.
/// </summary>
public sealed class SqliteGrainStateStore(SqliteDatabase database, TimeProvider timeProvider) : IGrainStateStore
{
    private const string ReadSql = "SELECT version, payload FROM grain_state WHERE grain_type = $type AND grain_key = $key";

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
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        return database.WriteAsync<IReadOnlyList<StateWriteResult>>((connection, transaction) =>
        {
            using var insert = Prepare(connection, transaction, """
                INSERT INTO grain_state (grain_type, grain_key, version, payload, modified_at)
                VALUES ($type, $key, 1, $payload, $now)
                ON CONFLICT (grain_type, grain_key) DO NOTHING
                RETURNING version
                """, now);
            using var update = Prepare(connection, transaction, """
                UPDATE grain_state SET version = version + 1, payload = $payload, modified_at = $now
                 WHERE grain_type = $type AND grain_key = $key AND version = $expected
                RETURNING version
                """, now);
            var expected = update.Parameters.Add("$expected", SqliteType.Integer);
            using var sideEffects = new SideEffectCommands(connection, transaction, now);

            var results = new StateWriteResult[writes.Count];
            for (var i = 0; i < writes.Count; i++)
            {
                var write = writes[i];
                var command = write.ExpectedVersion == 0 ? insert : update;
                expected.Value = write.ExpectedVersion;
                command.Parameters["$type"].Value = write.GrainKey.Type;
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

    private SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, long now)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.Add("$type", SqliteType.Text);
        command.Parameters.Add("$key", SqliteType.Blob);
        command.Parameters.Add("$payload", SqliteType.Blob);
        return command;
    }
}
