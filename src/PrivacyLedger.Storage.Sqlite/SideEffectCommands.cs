using Microsoft.Data.Sqlite;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Sqlite;

/// <summary>The prepared statements that apply a state write's stream appends, set changes and index releases inside its transaction.</summary>
internal sealed class SideEffectCommands : IDisposable
{
    private readonly SqliteCommand _append;
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _remove;
    private readonly SqliteCommand _release;

    public SideEffectCommands(SqliteConnection connection, SqliteTransaction transaction, string serviceId, long now)
    {
        _append = Create(connection, transaction, serviceId, now, """
            INSERT INTO stream_events (service_id, stream_id, seq, payload, appended_at) VALUES ($service, $a, $b, $payload, $now)
            """);
        _upsert = Create(connection, transaction, serviceId, now, """
            INSERT INTO set_entries (service_id, set_id, member, payload, modified_at) VALUES ($service, $a, $b, $payload, $now)
            ON CONFLICT (service_id, set_id, member) DO UPDATE SET payload = excluded.payload, modified_at = excluded.modified_at
            """);
        _remove = Create(connection, transaction, serviceId, now, "DELETE FROM set_entries WHERE service_id = $service AND set_id = $a AND member = $b");
        _release = Create(connection, transaction, serviceId, now, "DELETE FROM unique_index WHERE service_id = $service AND index_name = $a AND index_key = $b AND ($owner IS NULL OR owner = $owner)");
        _release.Parameters.Add("$owner", SqliteType.Text);
    }

    public void Apply(StateWrite write)
    {
        foreach (var append in write.Appends)
        {
            Run(_append, append.StreamId, append.Sequence, append.Payload);
        }
        foreach (var change in write.SetChanges)
        {
            Run(change.Payload is null ? _remove : _upsert, change.SetId, change.Member, change.Payload);
        }
        foreach (var release in write.IndexReleases)
        {
            _release.Parameters["$owner"].Value = (object?)release.Owner ?? DBNull.Value;
            Run(_release, release.Index, release.Key, null);
        }
    }

    private static void Run(SqliteCommand command, string a, object b, byte[]? payload)
    {
        command.Parameters["$a"].Value = a;
        command.Parameters["$b"].Value = b;
        if (command.Parameters.Contains("$payload"))
        {
            command.Parameters["$payload"].Value = (object?)payload ?? DBNull.Value;
        }
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Create(SqliteConnection connection, SqliteTransaction transaction, string serviceId, long now, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$service", serviceId);
        // Untyped: $b is a sequence number for appends and a member id for set changes.
        command.Parameters.AddWithValue("$a", DBNull.Value);
        command.Parameters.AddWithValue("$b", DBNull.Value);
        if (sql.Contains("$payload", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("$now", now);
            command.Parameters.Add("$payload", SqliteType.Blob);
        }
        return command;
    }

    public void Dispose()
    {
        _append.Dispose();
        _upsert.Dispose();
        _remove.Dispose();
        _release.Dispose();
    }
}
