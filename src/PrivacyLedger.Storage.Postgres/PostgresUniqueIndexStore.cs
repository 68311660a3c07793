using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Postgres;

/// <summary>First claim wins through the primary key; concurrent claimers of one key all read back the same owner.</summary>
public sealed class PostgresUniqueIndexStore(PostgresDatabase database) : IUniqueIndexStore
{
    // One primary-key probe per key, whatever the statistics say. With "index_key = ANY($3)" a table that has
    // not been analysed yet (a fresh database, before autovacuum's first ANALYZE) is planned as a scan of the
    // whole index name with the keys as a filter: every enrolment then read every identifier hash.
    private const string OwnersSql = """
        SELECT u.index_key, u.owner FROM unnest($3::text[]) AS k(key)
        CROSS JOIN LATERAL (
            SELECT index_key, owner FROM unique_index WHERE service_id = $1 AND index_name = $2 AND index_key = k.key LIMIT 1
        ) AS u
        """;

    public async Task<IReadOnlyDictionary<string, string>> ClaimAsync(string index, IReadOnlyCollection<string> keys, string owner, CancellationToken cancellationToken = default)
    {
        // ON CONFLICT DO NOTHING waits for a concurrent claimer's commit, so the SELECT after it sees the winner.
        // Keys are inserted in one order everywhere, so two claimers of overlapping keys cannot deadlock.
        await using var batch = database.DataSource.CreateBatch();
        var insert = batch.CreateBatchCommand();
        insert.CommandText = """
            INSERT INTO unique_index (service_id, index_name, index_key, owner)
            SELECT $1, $2, k, $4 FROM unnest($3::text[]) AS k ORDER BY k COLLATE "C"
            ON CONFLICT (service_id, index_name, index_key) DO NOTHING
            """;
        AddParameters(insert, index, keys);
        insert.Parameters.Add(new() { Value = owner });
        batch.BatchCommands.Add(insert);
        var select = batch.CreateBatchCommand();
        select.CommandText = OwnersSql;
        AddParameters(select, index, keys);
        batch.BatchCommands.Add(select);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var owners = new Dictionary<string, string>(keys.Count, StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            owners[reader.GetString(0)] = reader.GetString(1);
        }
        return owners;
    }

    public async Task<IReadOnlyDictionary<string, string>> GetAsync(string index, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        await using var command = database.DataSource.CreateCommand(OwnersSql);
        command.Parameters.Add(new() { Value = database.ServiceId });
        command.Parameters.Add(new() { Value = index });
        command.Parameters.Add(new() { Value = keys.ToArray() });
        var owners = new Dictionary<string, string>(keys.Count, StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            owners[reader.GetString(0)] = reader.GetString(1);
        }
        return owners;
    }

    public async Task<int> ReleaseAsync(string index, IReadOnlyCollection<string> keys, string? owner, CancellationToken cancellationToken = default)
    {
        await using var command = database.DataSource.CreateCommand(
            "DELETE FROM unique_index WHERE service_id = $1 AND index_name = $2 AND index_key = ANY($3) AND ($4::text IS NULL OR owner = $4)");
        command.Parameters.Add(new() { Value = database.ServiceId });
        command.Parameters.Add(new() { Value = index });
        command.Parameters.Add(new() { Value = keys.ToArray() });
        command.Parameters.Add(new() { Value = (object?)owner ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<IndexEntry>> ListAsync(string index, string? afterKey, int limit, CancellationToken cancellationToken = default)
    {
        // Keyset paging along the primary key, in the column's own collation for both the bound and the order.
        await using var command = database.DataSource.CreateCommand("""
            SELECT index_key, owner FROM unique_index
             WHERE service_id = $1 AND index_name = $2 AND ($3::text IS NULL OR index_key > $3)
             ORDER BY index_key LIMIT $4
            """);
        command.Parameters.Add(new() { Value = database.ServiceId });
        command.Parameters.Add(new() { Value = index });
        command.Parameters.Add(new() { Value = (object?)afterKey ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = limit });
        var entries = new List<IndexEntry>(Math.Min(limit, 10_000));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new IndexEntry(reader.GetString(0), reader.GetString(1)));
        }
        return entries;
    }

    public async Task<IReadOnlyCollection<string>> ReplaceOwnersAsync(string index, IReadOnlyList<OwnerReplacement> replacements, CancellationToken cancellationToken = default)
    {
        // The owner test sits in the UPDATE's own WHERE, so it is re-checked on the latest row version: a key deleted
        // or changed by a transaction that committed first is left alone.
        await using var command = database.DataSource.CreateCommand("""
            UPDATE unique_index AS u SET owner = r.new_owner
              FROM unnest($3::text[], $4::text[], $5::text[]) AS r(index_key, expected, new_owner)
             WHERE u.service_id = $1 AND u.index_name = $2 AND u.index_key = r.index_key AND u.owner = r.expected
            RETURNING u.index_key
            """);
        command.Parameters.Add(new() { Value = database.ServiceId });
        command.Parameters.Add(new() { Value = index });
        command.Parameters.Add(new() { Value = replacements.Select(r => r.Key).ToArray() });
        command.Parameters.Add(new() { Value = replacements.Select(r => r.ExpectedOwner).ToArray() });
        command.Parameters.Add(new() { Value = replacements.Select(r => r.NewOwner).ToArray() });
        var changed = new List<string>(replacements.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changed.Add(reader.GetString(0));
        }
        return changed;
    }

    public async Task<IReadOnlyDictionary<string, long>> CountByOwnerTagAsync(string index, CancellationToken cancellationToken = default)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT CASE WHEN strpos(owner, ':') > 0 THEN split_part(owner, ':', 1) ELSE '' END AS tag, count(*)
              FROM unique_index WHERE service_id = $1 AND index_name = $2 GROUP BY 1
            """);
        command.Parameters.Add(new() { Value = database.ServiceId });
        command.Parameters.Add(new() { Value = index });
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }
        return counts;
    }

    private void AddParameters(Npgsql.NpgsqlBatchCommand command, string index, IReadOnlyCollection<string> keys)
    {
        command.Parameters.Add(new() { Value = database.ServiceId });
        command.Parameters.Add(new() { Value = index });
        command.Parameters.Add(new() { Value = keys.ToArray() });
    }
}
