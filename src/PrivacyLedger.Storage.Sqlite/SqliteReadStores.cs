using Microsoft.Data.Sqlite;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Sqlite;

public sealed class SqliteEventStreamStore(SqliteDatabase database) : IEventStreamStore
{
    public async Task<IReadOnlyList<StoredStreamEvent>> ReadAsync(string streamId, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, payload FROM stream_events WHERE stream_id = $stream AND seq >= $first ORDER BY seq LIMIT $limit";
        command.Parameters.AddWithValue("$stream", CompactKey.Encode(streamId));
        command.Parameters.AddWithValue("$first", StreamPage.FirstToRead(afterSequence));
        command.Parameters.AddWithValue("$limit", StreamPage.RowsToRead(afterSequence, limit));
        var rows = new List<(long, byte[])>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetInt64(0), (byte[])reader.GetValue(1)));
        }
        return StreamPage.From(rows, afterSequence, limit);
    }
}

public sealed class SqliteOrderedSetStore(SqliteDatabase database) : IOrderedSetStore
{
    public async Task<IReadOnlyList<SetEntry>> ListAsync(string setId, string? afterMember, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT member, payload FROM set_entries WHERE set_id = (SELECT id FROM names WHERE name = $set) AND member > $after ORDER BY member LIMIT $limit";
        command.Parameters.AddWithValue("$set", setId);
        command.Parameters.AddWithValue("$after", OrderedKey.Encode(afterMember ?? ""));
        command.Parameters.AddWithValue("$limit", limit);
        var entries = new List<SetEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new SetEntry(OrderedKey.Decode((byte[])reader.GetValue(0)), (byte[])reader.GetValue(1)));
        }
        return entries;
    }

    public async Task<long> CountAsync(string setId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM set_entries WHERE set_id = (SELECT id FROM names WHERE name = $set)";
        command.Parameters.AddWithValue("$set", setId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}

/// <summary>Keys and owners are stored in <see cref="CompactKey"/> form, data keys in a table of their own (<see cref="SqliteIndexTable"/>).</summary>
public sealed class SqliteUniqueIndexStore(SqliteDatabase database) : IUniqueIndexStore
{
    public Task<IReadOnlyDictionary<string, string>> ClaimAsync(string index, IReadOnlyCollection<string> keys, string owner, CancellationToken cancellationToken = default)
    {
        UniqueIndexes.EnsureFixedWidth(index, keys, owner);
        return database.WriteAsync<IReadOnlyDictionary<string, string>>((connection, transaction) =>
        {
            var table = SqliteIndexTable.For(index);
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = table.InsertSql;
            insert.Parameters.AddWithValue("$index", index);
            insert.Parameters.AddWithValue("$owner", CompactKey.Encode(owner));
            var key = insert.Parameters.Add("$key", SqliteType.Blob);
            foreach (var each in keys)
            {
                key.Value = CompactKey.Encode(each);
                insert.ExecuteNonQuery();
            }
            return Owners(connection, transaction, index, keys);
        }, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, string>> GetAsync(string index, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        UniqueIndexes.EnsureFixedWidth(index, keys);
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken);
        return Owners(connection, null, index, keys);
    }

    public Task<int> ReleaseAsync(string index, IReadOnlyCollection<string> keys, string? owner, CancellationToken cancellationToken = default)
    {
        // Not refused (UniqueIndexes.CanHold): a value of another shape matches no row, or one stored before the check.
        return database.WriteAsync((connection, transaction) =>
        {
            using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = SqliteIndexTable.For(index).ReleaseSql;
            delete.Parameters.AddWithValue("$index", index);
            delete.Parameters.AddWithValue("$owner", owner is null ? DBNull.Value : CompactKey.Encode(owner));
            var key = delete.Parameters.Add("$key", SqliteType.Blob);
            var removed = 0;
            foreach (var each in keys)
            {
                key.Value = CompactKey.Encode(each);
                removed += delete.ExecuteNonQuery();
            }
            return removed;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<IndexEntry>> ListAsync(string index, string? afterKey, int limit, CancellationToken cancellationToken = default)
    {
        UniqueIndexes.EnsureFixedWidth(index, [], afterKey);
        var table = SqliteIndexTable.For(index);
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // Keyset paging in the stored (byte) order; every stored key sorts after the empty blob.
        command.CommandText = $"""
            SELECT {table.Key}, {table.Owner} FROM {table.Table}
             WHERE {table.Scope} AND {table.Key} > $after
             ORDER BY {table.Key} LIMIT $limit
            """;
        command.Parameters.AddWithValue("$index", index);
        command.Parameters.AddWithValue("$after", afterKey is null ? Array.Empty<byte>() : CompactKey.Encode(afterKey));
        command.Parameters.AddWithValue("$limit", limit);
        var entries = new List<IndexEntry>(Math.Min(limit, 10_000));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new IndexEntry(CompactKey.Decode((byte[])reader.GetValue(0)), CompactKey.Decode((byte[])reader.GetValue(1))));
        }
        return entries;
    }

    // One write transaction: SQLite has one writer, so nothing commits between a key's owner test and its change.
    public Task<IReadOnlyCollection<string>> ReplaceOwnersAsync(string index, IReadOnlyList<OwnerReplacement> replacements, CancellationToken cancellationToken = default)
    {
        UniqueIndexes.EnsureFixedWidth(index, replacements.SelectMany(each => new[] { each.Key, each.ExpectedOwner, each.NewOwner }));
        return database.WriteAsync<IReadOnlyCollection<string>>((connection, transaction) =>
        {
            var table = SqliteIndexTable.For(index);
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = $"UPDATE {table.Table} SET {table.Owner} = $new WHERE {table.Scope} AND {table.Key} = $key AND {table.Owner} = $expected";
            update.Parameters.AddWithValue("$index", index);
            var key = update.Parameters.Add("$key", SqliteType.Blob);
            var expected = update.Parameters.Add("$expected", SqliteType.Blob);
            var replacement = update.Parameters.Add("$new", SqliteType.Blob);
            var changed = new List<string>(replacements.Count);
            foreach (var each in replacements)
            {
                (key.Value, expected.Value, replacement.Value) = (CompactKey.Encode(each.Key), CompactKey.Encode(each.ExpectedOwner), CompactKey.Encode(each.NewOwner));
                if (update.ExecuteNonQuery() > 0)
                {
                    changed.Add(each.Key);
                }
            }
            return changed;
        }, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, long>> CountByOwnerTagAsync(string index, CancellationToken cancellationToken = default)
    {
        var table = SqliteIndexTable.For(index);
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The tag is the text before the first ':' of an owner. Only the text an owner is stored with can hold one: all of a
        // text (tag 2), the prefix of "<prefix>/<hex>" (tag 3), the prefix and its ':' of "<prefix>:<hex>" (tag 4); a
        // well-known prefix's form (tag 5 on, "ledger/<hex>") has none. The
        // prefix's length is its second byte, read through its hex digits: SQLite has no byte function.
        command.CommandText = $"""
            SELECT CASE WHEN instr(t, x'3a') > 0 THEN CAST(substr(t, 1, instr(t, x'3a') - 1) AS TEXT) ELSE '' END AS tag, count(*)
              FROM (SELECT CASE substr(o, 1, 1) WHEN x'02' THEN substr(o, 2) WHEN x'03' THEN substr(o, 3, n) WHEN x'04' THEN substr(o, 3, n) || ':' ELSE x'' END AS t
                      FROM (SELECT o, (instr('0123456789ABCDEF', substr(hex(substr(o, 2, 1)), 1, 1)) - 1) * 16
                                      + instr('0123456789ABCDEF', substr(hex(substr(o, 2, 1)), 2, 1)) - 1 AS n
                              FROM (SELECT {table.Owner} AS o FROM {table.Table} WHERE {table.Scope})))
             GROUP BY 1
            """;
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
        select.CommandText = SqliteIndexTable.For(index).OwnerSql;
        select.Parameters.AddWithValue("$index", index);
        var key = select.Parameters.Add("$key", SqliteType.Blob);
        var owners = new Dictionary<string, string>(keys.Count, StringComparer.Ordinal);
        foreach (var each in keys)
        {
            key.Value = CompactKey.Encode(each);
            if (select.ExecuteScalar() is byte[] found)
            {
                owners[each] = CompactKey.Decode(found);
            }
        }
        return owners;
    }
}
