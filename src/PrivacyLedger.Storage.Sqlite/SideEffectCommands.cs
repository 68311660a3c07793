using Microsoft.Data.Sqlite;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Sqlite;

/// <summary>The prepared statements that apply a state write's stream appends, set changes and index releases inside its transaction.</summary>
internal sealed class SideEffectCommands : IDisposable
{
    private readonly IReadOnlyDictionary<string, long> _names;
    private readonly SqliteCommand _append;
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _remove;
    private readonly SqliteCommand _release;
    private readonly SqliteCommand _destroyKey;

    /// <param name="names">The numbers of the set ids the writes add entries to (<see cref="NamesOf"/>, numbered by <see cref="SqliteNames"/>).</param>
    public SideEffectCommands(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyDictionary<string, long> names)
    {
        _names = names;
        _append = Create(connection, transaction, """
            INSERT INTO stream_events (stream_id, seq, payload) VALUES ($a, $b, $payload)
            """);
        _upsert = Create(connection, transaction, """
            INSERT INTO set_entries (set_id, member, payload) VALUES ($a, $b, $payload)
            ON CONFLICT (set_id, member) DO UPDATE SET payload = excluded.payload
            """);
        _remove = Create(connection, transaction, "DELETE FROM set_entries WHERE set_id = (SELECT id FROM names WHERE name = $a) AND member = $b");
        _release = CreateRelease(connection, transaction, "x");
        _destroyKey = CreateRelease(connection, transaction, UniqueIndexes.DataKeys);
    }

    public void Apply(StateWrite write)
    {
        foreach (var append in write.Appends)
        {
            Run(_append, CompactKey.Encode(append.StreamId), append.Sequence, append.Payload);
        }
        foreach (var change in write.SetChanges)
        {
            // A removal finds its set by name and adds none; an entry takes the number the batch gave its set.
            if (change.Payload is null)
            {
                Run(_remove, change.SetId, OrderedKey.Encode(change.Member), null);
            }
            else
            {
                Run(_upsert, _names[change.SetId], OrderedKey.Encode(change.Member), change.Payload);
            }
        }
        foreach (var release in write.IndexReleases)
        {
            var command = release.Index == UniqueIndexes.DataKeys ? _destroyKey : _release;
            command.Parameters["$index"].Value = release.Index;
            command.Parameters["$key"].Value = CompactKey.Encode(release.Key);
            command.Parameters["$owner"].Value = release.Owner is null ? DBNull.Value : CompactKey.Encode(release.Owner);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The names a batch of writes needs numbered: their grain types and the sets they add entries to.</summary>
    public static IEnumerable<string> NamesOf(IEnumerable<StateWrite> writes) =>
        writes.SelectMany(write => write.SetChanges.Where(change => change.Payload is not null).Select(change => change.SetId).Prepend(write.GrainKey.Type));

    private static void Run(SqliteCommand command, object a, object b, byte[]? payload)
    {
        command.Parameters["$a"].Value = a;
        command.Parameters["$b"].Value = b;
        if (command.Parameters.Contains("$payload"))
        {
            command.Parameters["$payload"].Value = (object?)payload ?? DBNull.Value;
        }
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Create(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        // Untyped: $a is a stream id (stored form) or a set id, $b a sequence number for appends and a member for set changes.
        command.Parameters.AddWithValue("$a", DBNull.Value);
        command.Parameters.AddWithValue("$b", DBNull.Value);
        if (sql.Contains("$payload", StringComparison.Ordinal))
        {
            command.Parameters.Add("$payload", SqliteType.Blob);
        }
        return command;
    }

    /// <summary>The release of a key of <paramref name="index"/>'s table (<see cref="SqliteIndexTable"/>).</summary>
    private static SqliteCommand CreateRelease(SqliteConnection connection, SqliteTransaction transaction, string index)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SqliteIndexTable.For(index).ReleaseSql;
        command.Parameters.Add("$index", SqliteType.Text);
        command.Parameters.Add("$key", SqliteType.Blob);
        command.Parameters.Add("$owner", SqliteType.Blob);
        return command;
    }

    public void Dispose()
    {
        _append.Dispose();
        _upsert.Dispose();
        _remove.Dispose();
        _release.Dispose();
        _destroyKey.Dispose();
    }
}
