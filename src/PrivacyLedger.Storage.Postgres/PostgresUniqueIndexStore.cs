using NpgsqlTypes;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Postgres;

/// <summary>
/// First claim wins through the primary key; concurrent claimers of one key all read back the same owner. Keys and
/// owners are stored in <see cref="CompactKey"/> form, data keys in a table of their own (<see cref="PostgresIndexTable"/>).
/// </summary>
public sealed class PostgresUniqueIndexStore(PostgresDatabase database, PostgresNames names) : IUniqueIndexStore
{
    // One primary-key probe per key, whatever the statistics say. With "index_key = ANY($2)" a table that has
    // not been analysed yet (a fresh database, before autovacuum's first ANALYZE) is planned as a scan of the
    // whole index name with the keys as a filter: every enrolment then read every identifier hash.
    private static string OwnersSql(PostgresIndexTable table) => $"""
        SELECT u.{table.Key}, u.{table.Owner} FROM unnest($2::bytea[]) AS k(k)
        CROSS JOIN LATERAL (
            SELECT {table.Key}, {table.Owner} FROM {table.Table} WHERE {table.Scope} AND {table.Key} = k.k LIMIT 1
        ) AS u
        """;

    public async Task<IReadOnlyDictionary<string, string>> ClaimAsync(string index, IReadOnlyCollection<string> keys, string owner, CancellationToken cancellationToken = default)
    {
        var table = PostgresIndexTable.For(index);
        // ON CONFLICT DO NOTHING waits for a concurrent claimer's commit, so the SELECT after it sees the winner.
        // Keys are inserted in one order everywhere, so two claimers of overlapping keys cannot deadlock.
        await using var batch = database.DataSource.CreateBatch();
        var insert = batch.CreateBatchCommand();
        insert.CommandText = $"""
            INSERT INTO {table.Table} ({table.InsertColumns})
            SELECT {table.InsertValues("$1", "k", "$3")} FROM unnest($2::bytea[]) AS k ORDER BY k
            ON CONFLICT {table.ConflictTarget} DO NOTHING
            """;
        var stored = CompactKey.EncodeAll(keys);
        var scope = await ScopeAsync(index, add: true, cancellationToken);
        AddParameters(insert.Parameters, scope!, stored);
        insert.Parameters.Add(new() { Value = CompactKey.Encode(owner) });
        batch.BatchCommands.Add(insert);
        var select = batch.CreateBatchCommand();
        select.CommandText = OwnersSql(table);
        AddParameters(select.Parameters, scope!, stored);
        batch.BatchCommands.Add(select);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadOwnersAsync(reader, keys.Count, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, string>> GetAsync(string index, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        if (await ScopeAsync(index, add: false, cancellationToken) is not { } scope)
        {
            return new Dictionary<string, string>();
        }
        await using var command = database.DataSource.CreateCommand(OwnersSql(PostgresIndexTable.For(index)));
        AddParameters(command.Parameters, scope, CompactKey.EncodeAll(keys));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadOwnersAsync(reader, keys.Count, cancellationToken);
    }

    public async Task<int> ReleaseAsync(string index, IReadOnlyCollection<string> keys, string? owner, CancellationToken cancellationToken = default)
    {
        var table = PostgresIndexTable.For(index);
        if (await ScopeAsync(index, add: false, cancellationToken) is not { } scope)
        {
            return 0;
        }
        await using var command = database.DataSource.CreateCommand(
            $"DELETE FROM {table.Table} WHERE {table.Scope} AND {table.Key} = ANY($2) AND ($3::bytea IS NULL OR {table.Owner} = $3)");
        AddParameters(command.Parameters, scope, CompactKey.EncodeAll(keys));
        command.Parameters.Add(new() { Value = owner is null ? DBNull.Value : CompactKey.Encode(owner), NpgsqlDbType = NpgsqlDbType.Bytea });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<IndexEntry>> ListAsync(string index, string? afterKey, int limit, CancellationToken cancellationToken = default)
    {
        var table = PostgresIndexTable.For(index);
        if (await ScopeAsync(index, add: false, cancellationToken) is not { } scope)
        {
            return [];
        }
        // Keyset paging along the primary key, in the stored (byte) order for both the bound and the order.
        await using var command = database.DataSource.CreateCommand($"""
            SELECT {table.Key}, {table.Owner} FROM {table.Table}
             WHERE {table.Scope} AND ($2::bytea IS NULL OR {table.Key} > $2)
             ORDER BY {table.Key} LIMIT $3
            """);
        command.Parameters.Add(new() { Value = scope });
        command.Parameters.Add(new() { Value = afterKey is null ? DBNull.Value : CompactKey.Encode(afterKey), NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new() { Value = limit });
        var entries = new List<IndexEntry>(Math.Min(limit, 10_000));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new IndexEntry(CompactKey.Decode(reader.GetFieldValue<byte[]>(0)), CompactKey.Decode(reader.GetFieldValue<byte[]>(1))));
        }
        return entries;
    }

    public async Task<IReadOnlyCollection<string>> ReplaceOwnersAsync(string index, IReadOnlyList<OwnerReplacement> replacements, CancellationToken cancellationToken = default)
    {
        var table = PostgresIndexTable.For(index);
        if (await ScopeAsync(index, add: false, cancellationToken) is not { } scope)
        {
            return [];
        }
        // The owner test sits in the UPDATE's own WHERE, so it is re-checked on the latest row version: a key deleted
        // or changed by a transaction that committed first is left alone.
        await using var command = database.DataSource.CreateCommand($"""
            UPDATE {table.Table} AS u SET {table.Owner} = r.new_owner
              FROM unnest($2::bytea[], $3::bytea[], $4::bytea[]) AS r(k, expected, new_owner)
             WHERE {table.Scope} AND u.{table.Key} = r.k AND u.{table.Owner} = r.expected
            RETURNING u.{table.Key}
            """);
        command.Parameters.Add(new() { Value = scope });
        command.Parameters.Add(new() { Value = replacements.Select(r => CompactKey.Encode(r.Key)).ToArray() });
        command.Parameters.Add(new() { Value = replacements.Select(r => CompactKey.Encode(r.ExpectedOwner)).ToArray() });
        command.Parameters.Add(new() { Value = replacements.Select(r => CompactKey.Encode(r.NewOwner)).ToArray() });
        var changed = new List<string>(replacements.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changed.Add(CompactKey.Decode(reader.GetFieldValue<byte[]>(0)));
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
        // well-known prefix's form (tag 5 on, "ledger/<hex>") has none.
        await using var command = database.DataSource.CreateCommand($"""
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

    private static async Task<Dictionary<string, string>> ReadOwnersAsync(Npgsql.NpgsqlDataReader reader, int capacity, CancellationToken cancellationToken)
    {
        var owners = new Dictionary<string, string>(capacity, StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            owners[CompactKey.Decode(reader.GetFieldValue<byte[]>(0))] = CompactKey.Decode(reader.GetFieldValue<byte[]>(1));
        }
        return owners;
    }

    /// <summary>
    /// What <see cref="PostgresIndexTable.Scope"/> takes as $1: the data keys' index name, or another index's number (null
    /// when the index never held a key and <paramref name="add"/> is false: then it holds none).
    /// </summary>
    private async ValueTask<object?> ScopeAsync(string index, bool add, CancellationToken cancellationToken) =>
        !PostgresIndexTable.For(index).IsShared ? index
        : add ? await names.IdAsync(index, cancellationToken)
        : await names.FindAsync(index, cancellationToken);

    private static void AddParameters(Npgsql.NpgsqlParameterCollection parameters, object scope, byte[][] keys)
    {
        parameters.Add(new() { Value = scope });
        parameters.Add(new() { Value = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
    }
}
