using Microsoft.Data.Sqlite;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Sqlite;

public sealed class SqliteEventStreamStore(SqliteDatabase database) : IEventStreamStore
{
    public async Task<IReadOnlyList<StoredStreamEvent>> ReadAsync(string streamId, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, payload FROM stream_events WHERE service_id = $service AND stream_id = $stream AND seq > $after ORDER BY seq LIMIT $limit";
        command.Parameters.AddWithValue("$service", database.ServiceId);
        command.Parameters.AddWithValue("$stream", streamId);
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$limit", limit);
        var events = new List<StoredStreamEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new StoredStreamEvent(reader.GetInt64(0), (byte[])reader.GetValue(1)));
        }
        return events;
    }
}

public sealed class SqliteOrderedSetStore(SqliteDatabase database) : IOrderedSetStore
{
    public async Task<IReadOnlyList<SetEntry>> ListAsync(string setId, string? afterMember, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT member, payload FROM set_entries WHERE service_id = $service AND set_id = $set AND member > $after ORDER BY member LIMIT $limit";
        command.Parameters.AddWithValue("$service", database.ServiceId);
        command.Parameters.AddWithValue("$set", setId);
        command.Parameters.AddWithValue("$after", afterMember ?? "");
        command.Parameters.AddWithValue("$limit", limit);
        var entries = new List<SetEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new SetEntry(reader.GetString(0), (byte[])reader.GetValue(1)));
        }
        return entries;
    }

    public async Task<long> CountAsync(string setId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM set_entries WHERE service_id = $service AND set_id = $set";
        command.Parameters.AddWithValue("$service", database.ServiceId);
        command.Parameters.AddWithValue("$set", setId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}

public sealed class SqliteUniqueIndexStore(SqliteDatabase database) : IUniqueIndexStore
{
    public Task<IReadOnlyDictionary<string, string>> ClaimAsync(string index, IReadOnlyCollection<string> keys, string owner, CancellationToken cancellationToken = default) =>
        database.WriteAsync<IReadOnlyDictionary<string, string>>((connection, transaction) =>
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO unique_index (service_id, index_name, index_key, owner) VALUES ($service, $index, $key, $owner)
                ON CONFLICT (service_id, index_name, index_key) DO NOTHING
                """;
            insert.Parameters.AddWithValue("$service", database.ServiceId);
            insert.Parameters.AddWithValue("$index", index);
            insert.Parameters.AddWithValue("$owner", owner);
            var key = insert.Parameters.Add("$key", SqliteType.Text);
            foreach (var each in keys)
            {
                key.Value = each;
                insert.ExecuteNonQuery();
            }
            return Owners(connection, transaction, index, keys);
        }, cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> GetAsync(string index, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken);
        return Owners(connection, null, index, keys);
    }

    public Task<int> ReleaseAsync(string index, IReadOnlyCollection<string> keys, string? owner, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM unique_index WHERE service_id = $service AND index_name = $index AND index_key = $key AND ($owner IS NULL OR owner = $owner)";
            delete.Parameters.AddWithValue("$service", database.ServiceId);
            delete.Parameters.AddWithValue("$index", index);
            delete.Parameters.AddWithValue("$owner", (object?)owner ?? DBNull.Value);
            var key = delete.Parameters.Add("$key", SqliteType.Text);
            var removed = 0;
            foreach (var each in keys)
            {
                key.Value = each;
                removed += delete.ExecuteNonQuery();
            }
            return removed;
        }, cancellationToken);

    public async Task<IReadOnlyList<IndexEntry>> ListAsync(string index, string? afterKey, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT index_key, owner FROM unique_index
             WHERE service_id = $service AND index_name = $index AND index_key > $after
             ORDER BY index_key LIMIT $limit
            """;
        command.Parameters.AddWithValue("$service", database.ServiceId);
        command.Parameters.AddWithValue("$index", index);
        command.Parameters.AddWithValue("$after", afterKey ?? "");
        command.Parameters.AddWithValue("$limit", limit);
        var entries = new List<IndexEntry>(Math.Min(limit, 10_000));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new IndexEntry(reader.GetString(0), reader.GetString(1)));
        }
        return entries;
    }

    // One write transaction: SQLite has one writer, so nothing commits between a key's owner test and its change.
    public Task<IReadOnlyCollection<string>> ReplaceOwnersAsync(string index, IReadOnlyList<OwnerReplacement> replacements, CancellationToken cancellationToken = default) =>
        database.WriteAsync<IReadOnlyCollection<string>>((connection, transaction) =>
        {
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE unique_index SET owner = $new
                 WHERE service_id = $service AND index_name = $index AND index_key = $key AND owner = $expected
                """;
            update.Parameters.AddWithValue("$service", database.ServiceId);
            update.Parameters.AddWithValue("$index", index);
            var key = update.Parameters.Add("$key", SqliteType.Text);
            var expected = update.Parameters.Add("$expected", SqliteType.Text);
            var replacement = update.Parameters.Add("$new", SqliteType.Text);
            var changed = new List<string>(replacements.Count);
            foreach (var each in replacements)
            {
                (key.Value, expected.Value, replacement.Value) = (each.Key, each.ExpectedOwner, each.NewOwner);
                if (update.ExecuteNonQuery() > 0)
                {
                    changed.Add(each.Key);
                }
            }
            return changed;
        }, cancellationToken);

    public async Task<IReadOnlyDictionary<string, long>> CountByOwnerTagAsync(string index, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT CASE WHEN instr(owner, ':') > 0 THEN substr(owner, 1, instr(owner, ':') - 1) ELSE '' END AS tag, count(*)
              FROM unique_index WHERE service_id = $service AND index_name = $index GROUP BY 1
            """;
        command.Parameters.AddWithValue("$service", database.ServiceId);
        command.Parameters.AddWithValue("$index", index);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }
        return counts;
    }

    private Dictionary<string, string> Owners(SqliteConnection connection, SqliteTransaction? transaction, string index, IReadOnlyCollection<string> keys)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT owner FROM unique_index WHERE service_id = $service AND index_name = $index AND index_key = $key";
        select.Parameters.AddWithValue("$service", database.ServiceId);
        select.Parameters.AddWithValue("$index", index);
        var key = select.Parameters.Add("$key", SqliteType.Text);
        var owners = new Dictionary<string, string>(keys.Count, StringComparer.Ordinal);
        foreach (var each in keys)
        {
            key.Value = each;
            if (select.ExecuteScalar() is string found)
            {
                owners[each] = found;
            }
        }
        return owners;
    }
}
