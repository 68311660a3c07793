using NpgsqlTypes;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Postgres;

/// <summary>
/// First claim wins through the primary key; concurrent claimers of one key all read back the same owner. Keys and
/// owners are stored in <see cref="CompactKey"/> form, data keys in a table of their own, identifier claims as uuid in another
/// (<see cref="PostgresIndexTable"/>).
/// </summary>
public sealed class PostgresUniqueIndexStore(PostgresDatabase database, PostgresNames names) : IUniqueIndexStore
{
    // One primary-key probe per key, whatever the statistics say. With "index_key = ANY($2)" a table that has
    // not been analysed yet (a fresh database, before autovacuum's first ANALYZE) is planned as a scan of the
    // whole index name with the keys as a filter: every enrolment then read every identifier hash.
    private static string OwnersSql(PostgresIndexTable table) => $"""
        SELECT u.{table.Key}, u.{table.Owner} FROM unnest($2::{table.ColumnType}[]) AS k(k)
        CROSS JOIN LATERAL (
            SELECT {table.Key}, {table.Owner} FROM {table.Table} WHERE {table.Scope} AND {table.Key} = k.k LIMIT 1
        ) AS u
        """;

    public async Task<IReadOnlyDictionary<string, string>> ClaimAsync(string index, IReadOnlyCollection<string> keys, string owner, CancellationToken cancellationToken = default)
    {
        UniqueIndexes.EnsureFixedWidth(index, keys, owner);
        var table = PostgresIndexTable.For(index);
        // ON CONFLICT DO NOTHING waits for a concurrent claimer's commit, so the SELECT after it sees the winner.
        // Keys are inserted in one order everywhere, so two claimers of overlapping keys cannot deadlock.
        await using var batch = database.DataSource.CreateBatch();
        var insert = batch.CreateBatchCommand();
        insert.CommandText = $"""
            INSERT INTO {table.Table} ({table.InsertColumns})
            SELECT {table.InsertValues("$1", "k", "$3")} FROM unnest($2::{table.ColumnType}[]) AS k ORDER BY k
            ON CONFLICT {table.ConflictTarget} DO NOTHING
            """;
        var stored = table.Stored(keys);
        var scope = await ScopeAsync(index, add: true, cancellationToken);
        AddParameters(insert.Parameters, table, scope!, stored);
        insert.Parameters.Add(new() { Value = table.Stored(owner), NpgsqlDbType = table.ValueType });
        batch.BatchCommands.Add(insert);
        var select = batch.CreateBatchCommand();
        select.CommandText = OwnersSql(table);
        AddParameters(select.Parameters, table, scope!, stored);
        batch.BatchCommands.Add(select);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadOwnersAsync(table, reader, keys.Count, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, string>> GetAsync(string index, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        UniqueIndexes.EnsureFixedWidth(index, keys);
        if (await ScopeAsync(index, add: false, cancellationToken) is not { } scope)
        {
            return new Dictionary<string, string>();
        }
        var table = PostgresIndexTable.For(index);
        await using var command = database.DataSource.CreateCommand(OwnersSql(table));
        AddParameters(command.Parameters, table, scope, table.Stored(keys));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadOwnersAsync(table, reader, keys.Count, cancellationToken);
    }

    public async Task<int> ReleaseAsync(string index, IReadOnlyCollection<string> keys, string? owner, CancellationToken cancellationToken = default)
    {
        // What a fixed-width index cannot hold is not in it: nothing to release (UniqueIndexes.CanHold). Other indexes'
        // releases (data keys at every erasure) are passed on as given, not copied.
        if (UniqueIndexes.IsFixedWidth(index))
        {
            keys = [.. keys.Where(key => UniqueIndexes.CanHold(index, key))];
            if (keys.Count == 0 || !UniqueIndexes.CanHold(index, owner))
            {
                return 0;
            }
        }
        var table = PostgresIndexTable.For(index);
        if (await ScopeAsync(index, add: false, cancellationToken) is not { } scope)
        {
            return 0;
        }
        await using var command = database.DataSource.CreateCommand(
            $"DELETE FROM {table.Table} WHERE {table.Scope} AND {table.Key} = ANY($2) AND ($3::{table.ColumnType} IS NULL OR {table.Owner} = $3)");
        AddParameters(command.Parameters, table, scope, table.Stored(keys));
        command.Parameters.Add(new() { Value = table.Stored(owner), NpgsqlDbType = table.ValueType });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<IndexEntry>> ListAsync(string index, string? afterKey, int limit, CancellationToken cancellationToken = default)
    {
        UniqueIndexes.EnsureFixedWidth(index, [], afterKey);
        var table = PostgresIndexTable.For(index);
        if (await ScopeAsync(index, add: false, cancellationToken) is not { } scope)
        {
            return [];
        }
        // Keyset paging along the primary key, in the stored (byte) order for both the bound and the order.
        await using var command = database.DataSource.CreateCommand($"""
            SELECT {table.Key}, {table.Owner} FROM {table.Table}
             WHERE {table.Scope} AND ($2::{table.ColumnType} IS NULL OR {table.Key} > $2)
             ORDER BY {table.Key} LIMIT $3
            """);
        command.Parameters.Add(new() { Value = scope });
        command.Parameters.Add(new() { Value = table.Stored(afterKey), NpgsqlDbType = table.ValueType });
        command.Parameters.Add(new() { Value = limit });
        var entries = new List<IndexEntry>(Math.Min(limit, 10_000));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new IndexEntry(table.Read(reader, 0), table.Read(reader, 1)));
        }
        return entries;
    }

    public async Task<IReadOnlyCollection<string>> ReplaceOwnersAsync(string index, IReadOnlyList<OwnerReplacement> replacements, CancellationToken cancellationToken = default)
    {
        UniqueIndexes.EnsureFixedWidth(index, replacements.SelectMany(each => new[] { each.Key, each.ExpectedOwner, each.NewOwner }));
        var table = PostgresIndexTable.For(index);
        if (await ScopeAsync(index, add: false, cancellationToken) is not { } scope)
        {
            return [];
        }
        // The owner test sits in the UPDATE's own WHERE, so it is re-checked on the latest row version: a key deleted
        // or changed by a transaction that committed first is left alone.
        await using var command = database.DataSource.CreateCommand($"""
            UPDATE {table.Table} AS u SET {table.Owner} = r.new_owner
              FROM unnest($2::{table.ColumnType}[], $3::{table.ColumnType}[], $4::{table.ColumnType}[]) AS r(k, expected, new_owner)
             WHERE {table.Scope} AND u.{table.Key} = r.k AND u.{table.Owner} = r.expected
            RETURNING u.{table.Key}
            """);
        command.Parameters.Add(new() { Value = scope });
        command.Parameters.Add(new() { Value = table.Stored(replacements.Select(r => r.Key)), NpgsqlDbType = table.ArrayType });
        command.Parameters.Add(new() { Value = table.Stored(replacements.Select(r => r.ExpectedOwner)), NpgsqlDbType = table.ArrayType });
        command.Parameters.Add(new() { Value = table.Stored(replacements.Select(r => r.NewOwner)), NpgsqlDbType = table.ArrayType });
        var changed = new List<string>(replacements.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changed.Add(table.Read(reader, 0));
        }
        return changed;
    }

    public async Task<IReadOnlyDictionary<string, long>> CountByOwnerTagAsync(string index, CancellationToken cancellationToken = default)
    {
        var table = PostgresIndexTable.For(index);
        if (await ScopeAsync(index, add: false, cancellationToken) is not { } scope)
        {
            return new Dictionary<string, long>();
        }
        // The tag is the text before the first ':' of an owner. Only the text an owner is stored with can hold one: all of a
        // text (tag 2), the prefix of "<prefix>/<hex>" (tag 3), the prefix and its ':' of "<prefix>:<hex>" (tag 4); a
        // well-known prefix's form (tag 5 on, "ledger/<hex>") has none, and nor has a fixed-width owner (hex only).
        await using var command = database.DataSource.CreateCommand(table.IsFixedWidth
            ? $"SELECT '' AS tag, count(*) FROM {table.Table} WHERE {table.Scope} HAVING count(*) > 0"
            : $"""
            SELECT CASE WHEN position('\x3a'::bytea IN t) > 0 THEN convert_from(substring(t FROM 1 FOR position('\x3a'::bytea IN t) - 1), 'UTF8') ELSE '' END AS tag,
                   count(*)
              FROM (SELECT CASE get_byte(o, 0) WHEN 2 THEN substring(o FROM 2) WHEN 3 THEN substring(o FROM 3 FOR get_byte(o, 1))
                                               WHEN 4 THEN substring(o FROM 3 FOR get_byte(o, 1)) || '\x3a'::bytea ELSE ''::bytea END AS t
                      FROM (SELECT {table.Owner} AS o FROM {table.Table} WHERE {table.Scope}) AS owners) AS texts
             GROUP BY 1
            """);
        command.Parameters.Add(new() { Value = scope });
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }
        return counts;
    }

    private static async Task<Dictionary<string, string>> ReadOwnersAsync(PostgresIndexTable table, Npgsql.NpgsqlDataReader reader, int capacity, CancellationToken cancellationToken)
    {
        var owners = new Dictionary<string, string>(capacity, StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            owners[table.Read(reader, 0)] = table.Read(reader, 1);
        }
        return owners;
    }

    /// <summary>
    /// What <see cref="PostgresIndexTable.Scope"/> takes as $1: the name of an index with a table of its own, or another index's number (null
    /// when the index never held a key and <paramref name="add"/> is false: then it holds none).
    /// </summary>
    private async ValueTask<object?> ScopeAsync(string index, bool add, CancellationToken cancellationToken) =>
        !PostgresIndexTable.For(index).IsShared ? index
        : add ? await names.IdAsync(index, cancellationToken)
        : await names.FindAsync(index, cancellationToken);

    private static void AddParameters(Npgsql.NpgsqlParameterCollection parameters, PostgresIndexTable table, object scope, object keys)
    {
        parameters.Add(new() { Value = scope });
        parameters.Add(new() { Value = keys, NpgsqlDbType = table.ArrayType });
    }
}
