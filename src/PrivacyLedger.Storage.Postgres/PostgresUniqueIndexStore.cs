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

    public async Task<int> ReleaseAsync(string index, IReadOnlyCollection<string> keys, string owner, CancellationToken cancellationToken = default)
    {
        await using var command = database.DataSource.CreateCommand(
            "DELETE FROM unique_index WHERE service_id = $1 AND index_name = $2 AND index_key = ANY($3) AND owner = $4");
        command.Parameters.Add(new() { Value = database.ServiceId });
        command.Parameters.Add(new() { Value = index });
        command.Parameters.Add(new() { Value = keys.ToArray() });
        command.Parameters.Add(new() { Value = owner });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void AddParameters(Npgsql.NpgsqlBatchCommand command, string index, IReadOnlyCollection<string> keys)
    {
        command.Parameters.Add(new() { Value = database.ServiceId });
        command.Parameters.Add(new() { Value = index });
        command.Parameters.Add(new() { Value = keys.ToArray() });
    }
}
