using Npgsql;
using NpgsqlTypes;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Postgres;

/// <summary>
/// Bulk loads through binary COPY in one transaction. Claims are nearly always free, so they are first copied
/// straight into the index, sorted; a key already taken fails that copy, and the load is then redone the careful
/// way: through a temporary table and one INSERT .. ON CONFLICT DO NOTHING per index table (unique_index, data_keys, identifier_claims), which names the conflicts, and rolled
/// back before its states are sent. States, events and set entries are copied straight into their tables: they are
/// new rows by contract, and a duplicate fails the primary key and with it the whole load.
/// </summary>
public sealed class PostgresBulkGrainLoader(PostgresDatabase database, PostgresNames names) : IBulkGrainLoader
{
    // Sorted inserts take row locks in one order everywhere, so two loads of overlapping keys cannot deadlock.
    private const string ClaimSql = $$"""
        INSERT INTO unique_index (index_id, index_key, owner)
        SELECT index_id, index_key, owner FROM bulk_claims WHERE index_name NOT IN ('{{UniqueIndexes.DataKeys}}', '{{UniqueIndexes.Identifiers}}')
         ORDER BY index_id, index_key
        ON CONFLICT (index_id, index_key) DO NOTHING
        """;

    private const string ClaimDataKeysSql = $$"""
        INSERT INTO data_keys (subject, wrapped)
        SELECT index_key, owner FROM bulk_claims WHERE index_name = '{{UniqueIndexes.DataKeys}}' ORDER BY index_key
        ON CONFLICT (subject) DO NOTHING
        """;

    // Identifier claims come in CompactKey form (tag 1, then the 16 bytes) like every other claim: their uuid is those bytes.
    private const string ClaimIdentifiersSql = $$"""
        INSERT INTO identifier_claims (index_key, owner)
        SELECT encode(substring(index_key FROM 2), 'hex')::uuid, encode(substring(owner FROM 2), 'hex')::uuid
          FROM bulk_claims WHERE index_name = '{{UniqueIndexes.Identifiers}}' ORDER BY index_key
        ON CONFLICT (index_key) DO NOTHING
        """;

    private const string ConflictSql = $$"""
        SELECT c.index_name, c.index_key, c.owner
          FROM bulk_claims AS c
          JOIN unique_index AS u ON u.index_id = c.index_id AND u.index_key = c.index_key
         WHERE u.owner <> c.owner AND c.index_name NOT IN ('{{UniqueIndexes.DataKeys}}', '{{UniqueIndexes.Identifiers}}')
        UNION ALL
        SELECT c.index_name, c.index_key, c.owner
          FROM bulk_claims AS c
          JOIN identifier_claims AS i ON i.index_key = encode(substring(c.index_key FROM 2), 'hex')::uuid
         WHERE i.owner <> encode(substring(c.owner FROM 2), 'hex')::uuid AND c.index_name = '{{UniqueIndexes.Identifiers}}'
        UNION ALL
        SELECT c.index_name, c.index_key, c.owner
          FROM bulk_claims AS c
          JOIN data_keys AS d ON d.subject = c.index_key
         WHERE d.wrapped <> c.owner AND c.index_name = '{{UniqueIndexes.DataKeys}}'
        """;

    public async Task<BulkLoadOutcome> LoadAsync(BulkLoad load, CancellationToken cancellationToken = default)
    {
        load.EnsureOnlyNewGrains();
        // Names are numbered before the load's transaction, as every writer does (see PostgresGrainStateStore).
        var claims = new StoredClaim[load.Claims.Count];
        // A new person's claims come together, one owner and mostly one index: each is looked up and encoded once for the run
        // (the rows share the owner's bytes), not once per claim.
        var (index, id, ownerText, owner) = ((string?)null, 0, (string?)null, Array.Empty<byte>());
        for (var i = 0; i < claims.Length; i++)
        {
            var claim = load.Claims[i];
            if (!string.Equals(claim.Index, index, StringComparison.Ordinal))
            {
                (index, id) = (claim.Index, PostgresIndexTable.For(claim.Index).IsShared ? await names.IdAsync(claim.Index, cancellationToken) : 0);
            }
            if (!string.Equals(claim.Owner, ownerText, StringComparison.Ordinal))
            {
                (ownerText, owner) = (claim.Owner, CompactKey.Encode(claim.Owner));
            }
            claims[i] = new StoredClaim(claim.Index, id, CompactKey.Encode(claim.Key), owner);
        }
        // The numbers of the load's grain types and set ids.
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var write in load.States)
        {
            await NumberAsync(write.GrainKey.Type);
            foreach (var change in write.SetChanges)
            {
                await NumberAsync(change.SetId);
            }
        }
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        if (await TryLoadWithFreeClaimsAsync(connection, load, claims, numbers, cancellationToken))
        {
            return BulkLoadOutcome.Committed;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var conflicts = await ClaimAsync(connection, claims, cancellationToken);
        if (conflicts.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new BulkLoadOutcome(conflicts);
        }
        await CopyGrainsAsync(connection, load, numbers, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return BulkLoadOutcome.Committed;

        async ValueTask NumberAsync(string name)
        {
            if (!numbers.ContainsKey(name))
            {
                numbers[name] = await names.IdAsync(name, cancellationToken);
            }
        }
    }

    /// <summary>The load with its claims copied straight into the index; false (and nothing written) when a key was taken.</summary>
    private async Task<bool> TryLoadWithFreeClaimsAsync(NpgsqlConnection connection, BulkLoad load, StoredClaim[] claims, Dictionary<string, int> numbers,
        CancellationToken cancellationToken)
    {
        // Sorted in the stored (byte) order, per index: the same lock order as every other claimer. In place: the careful
        // way after a conflict copies them into a table it sorts itself, and a copy would be one more large array per batch.
        Array.Sort(claims, static (x, y) => x.IndexId.CompareTo(y.IndexId) is var byIndex and not 0 ? byIndex : x.Key.AsSpan().SequenceCompareTo(y.Key));
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await CopyAsync(connection, "COPY unique_index (index_id, index_key, owner) FROM STDIN (FORMAT BINARY)",
                claims.Where(claim => PostgresIndexTable.For(claim.Index).IsShared), async (writer, claim) =>
                {
                    await writer.WriteAsync(claim.IndexId, NpgsqlDbType.Integer, cancellationToken);
                    await writer.WriteAsync(claim.Key, NpgsqlDbType.Bytea, cancellationToken);
                    await writer.WriteAsync(claim.Owner, NpgsqlDbType.Bytea, cancellationToken);
                }, cancellationToken);
            await CopyAsync(connection, "COPY data_keys (subject, wrapped) FROM STDIN (FORMAT BINARY)",
                claims.Where(claim => claim.Index == UniqueIndexes.DataKeys), async (writer, claim) =>
                {
                    await writer.WriteAsync(claim.Key, NpgsqlDbType.Bytea, cancellationToken);
                    await writer.WriteAsync(claim.Owner, NpgsqlDbType.Bytea, cancellationToken);
                }, cancellationToken);
            await CopyAsync(connection, "COPY identifier_claims (index_key, owner) FROM STDIN (FORMAT BINARY)",
                claims.Where(claim => claim.Index == UniqueIndexes.Identifiers), async (writer, claim) =>
                {
                    await writer.WriteAsync(FixedWidthKey.FromCompact(claim.Key), NpgsqlDbType.Uuid, cancellationToken);
                    await writer.WriteAsync(FixedWidthKey.FromCompact(claim.Owner), NpgsqlDbType.Uuid, cancellationToken);
                }, cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        await CopyGrainsAsync(connection, load, numbers, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task CopyGrainsAsync(NpgsqlConnection connection, BulkLoad load, Dictionary<string, int> numbers, CancellationToken cancellationToken)
    {
        await CopyAsync(connection, "COPY grain_state (grain_type, grain_key, version, payload) FROM STDIN (FORMAT BINARY)",
            load.States, async (writer, write) =>
            {
                await writer.WriteAsync(numbers[write.GrainKey.Type], NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(CompactKey.Encode(write.GrainKey.Key), NpgsqlDbType.Bytea, cancellationToken);
                await writer.WriteAsync(1L, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(write.Payload, NpgsqlDbType.Bytea, cancellationToken);
            }, cancellationToken);

        await CopyPayloadRowsAsync(connection, "COPY stream_events (stream_id, seq, payload) FROM STDIN (FORMAT BINARY)",
            load.States.SelectMany(write => write.Appends).Select(append => (CompactKey.Encode(append.StreamId), PostgresStreamSequence.Stored(append.Sequence), append.Payload)),
            NpgsqlDbType.Bytea, NpgsqlDbType.Integer, cancellationToken);
        await CopyPayloadRowsAsync(connection, "COPY set_entries (set_id, member, payload) FROM STDIN (FORMAT BINARY)",
            load.States.SelectMany(write => write.SetChanges).Select(change => (numbers[change.SetId], OrderedKey.Encode(change.Member), change.Payload!)),
            NpgsqlDbType.Integer, NpgsqlDbType.Bytea, cancellationToken);
    }

    private async Task<List<UniqueClaim>> ClaimAsync(NpgsqlConnection connection, StoredClaim[] claims, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE bulk_claims (index_name text, index_id integer, index_key bytea, owner bytea) ON COMMIT DROP", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        await CopyAsync(connection, "COPY bulk_claims (index_name, index_id, index_key, owner) FROM STDIN (FORMAT BINARY)", claims, async (writer, claim) =>
        {
            await writer.WriteAsync(claim.Index, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(claim.IndexId, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(claim.Key, NpgsqlDbType.Bytea, cancellationToken);
            await writer.WriteAsync(claim.Owner, NpgsqlDbType.Bytea, cancellationToken);
        }, cancellationToken);

        var inserted = 0;
        foreach (var sql in new[] { ClaimSql, ClaimDataKeysSql, ClaimIdentifiersSql })
        {
            await using var insert = new NpgsqlCommand(sql, connection);
            inserted += await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        if (inserted == claims.Length)
        {
            return [];
        }
        // Fewer rows than claims: some keys were owned already (or twice in this load). Only other owners conflict.
        await using var select = new NpgsqlCommand(ConflictSql, connection);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var conflicts = new List<UniqueClaim>();
        while (await reader.ReadAsync(cancellationToken))
        {
            conflicts.Add(new UniqueClaim(reader.GetString(0), CompactKey.Decode(reader.GetFieldValue<byte[]>(1)), CompactKey.Decode(reader.GetFieldValue<byte[]>(2))));
        }
        return conflicts;
    }

    /// <summary>Rows of (owner id, key, payload): stream events and set entries.</summary>
    private Task CopyPayloadRowsAsync<TId, TKey>(NpgsqlConnection connection, string copySql, IEnumerable<(TId Id, TKey Key, byte[] Payload)> rows,
        NpgsqlDbType idType, NpgsqlDbType keyType, CancellationToken cancellationToken) =>
        CopyAsync(connection, copySql, rows, async (writer, row) =>
        {
            await writer.WriteAsync(row.Id, idType, cancellationToken);
            await writer.WriteAsync(row.Key, keyType, cancellationToken);
            await writer.WriteAsync(row.Payload, NpgsqlDbType.Bytea, cancellationToken);
        }, cancellationToken);

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string copySql, IEnumerable<T> rows, Func<NpgsqlBinaryImporter, T, Task> writeRow, CancellationToken cancellationToken)
    {
        using var enumerator = rows.GetEnumerator();
        if (!enumerator.MoveNext())
        {
            return;
        }
        await using var writer = await connection.BeginBinaryImportAsync(copySql, cancellationToken);
        do
        {
            await writer.StartRowAsync(cancellationToken);
            await writeRow(writer, enumerator.Current);
        }
        while (enumerator.MoveNext());
        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// A claim as stored: its index's number (0 for an index with a table of its own: data keys, identifiers), key and owner
    /// in <see cref="CompactKey"/> form (an identifier claim's uuid is its bytes after the tag).
    /// </summary>
    private sealed record StoredClaim(string Index, int IndexId, byte[] Key, byte[] Owner);
}
