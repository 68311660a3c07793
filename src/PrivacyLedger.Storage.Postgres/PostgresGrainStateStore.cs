using Npgsql;
using NpgsqlTypes;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Postgres;

/// <summary>
/// Grain state in PostgreSQL. A whole batch of writes is one statement (arrays unnested server-side), so
/// a batch costs one round trip and one commit however many grains it holds. Grain keys and stream ids are stored in
/// <see cref="CompactKey"/> form, set members in <see cref="OrderedKey"/> form, grain types, set ids and index names as their numbers
/// (<see cref="PostgresNames"/>), resolved before the statement: a name added inside it would not be seen by a concurrent
/// writer's statement until it commits. Rows carry no write time: nothing read it.
/// </summary>
public sealed class PostgresGrainStateStore(PostgresDatabase database, PostgresNames names) : IGrainStateStore
{
    private const string ReadSql = "SELECT version, payload FROM grain_state WHERE grain_type = $1 AND grain_key = $2";

    // One primary-key probe per grain asked for, numbered so answers go back in order (a grain may be asked for
    // twice). LIMIT 1 keeps the subquery from being flattened into a join, which the planner could otherwise
    // make a hash join over the whole table while it has no statistics (as it did for unique_index, see there).
    internal const string ReadManySql = """
        SELECT k.position, s.version, s.payload FROM unnest($1::integer[], $2::bytea[]) WITH ORDINALITY AS k(grain_type, grain_key, position)
        CROSS JOIN LATERAL (
            SELECT version, payload FROM grain_state WHERE grain_type = k.grain_type AND grain_key = k.grain_key LIMIT 1
        ) AS s
        """;

    // Updates rows still at the version read; inserts rows for writes that read none. A row missing from
    // the result is a conflict. The stream appends, set changes and index releases (data keys' in their own table) of a write join on the written rows,
    // so they commit with their write or not at all. Every part sees one snapshot, and a batch never
    // names a grain twice. Set upserts and removals come as separate arrays so each side is an unfiltered
    // unnest, which the planner hash-joins to "written": with one array filtered on "payload IS NULL" it
    // estimated one row and joined removals to "written" by a nested loop, comparing every removal with every
    // written grain (38,000 comparisons for a batch of 200 purged people). Index releases, data-key destructions and
    // identifier-claim releases (each in a table of its own) come as separate arrays for the same reason.
    private const string WriteSql = """
        WITH input AS (
            SELECT * FROM unnest($1::integer[], $2::bytea[], $3::bigint[], $4::bytea[])
                AS i(grain_type, grain_key, expected_version, payload)
        ), updated AS (
            UPDATE grain_state AS g
               SET version = g.version + 1, payload = i.payload
              FROM input AS i
             WHERE i.expected_version > 0
               AND g.grain_type = i.grain_type AND g.grain_key = i.grain_key
               AND g.version = i.expected_version
            RETURNING g.grain_type, g.grain_key, g.version
        ), inserted AS (
            INSERT INTO grain_state (grain_type, grain_key, version, payload)
            SELECT i.grain_type, i.grain_key, 1, i.payload FROM input AS i WHERE i.expected_version = 0
            ON CONFLICT (grain_type, grain_key) DO NOTHING
            RETURNING grain_type, grain_key, version
        ), written AS (
            SELECT grain_type, grain_key, version FROM updated
            UNION ALL
            SELECT grain_type, grain_key, version FROM inserted
        ), appends AS (
            SELECT * FROM unnest($5::integer[], $6::bytea[], $7::bytea[], $8::integer[], $9::bytea[])
                AS a(grain_type, grain_key, stream_id, seq, payload)
        ), appended AS (
            INSERT INTO stream_events (stream_id, seq, payload)
            SELECT a.stream_id, a.seq, a.payload FROM appends AS a JOIN written AS w USING (grain_type, grain_key)
            RETURNING 1
        ), set_upserted AS (
            INSERT INTO set_entries (set_id, member, payload)
            SELECT c.set_id, c.member, c.payload
              FROM unnest($10::integer[], $11::bytea[], $12::integer[], $13::bytea[], $14::bytea[]) AS c(grain_type, grain_key, set_id, member, payload)
              JOIN written AS w USING (grain_type, grain_key)
            ON CONFLICT (set_id, member) DO UPDATE SET payload = excluded.payload
            RETURNING 1
        ), set_removed AS (
            DELETE FROM set_entries AS s
             USING unnest($20::integer[], $21::bytea[], $22::integer[], $23::bytea[]) AS d(grain_type, grain_key, set_id, member), written AS w
             WHERE w.grain_type = d.grain_type AND w.grain_key = d.grain_key
               AND s.set_id = d.set_id AND s.member = d.member
            RETURNING 1
        ), released AS (
            DELETE FROM unique_index AS u
             USING unnest($15::integer[], $16::bytea[], $17::integer[], $18::bytea[], $19::bytea[]) AS r(grain_type, grain_key, index_id, index_key, owner), written AS w
             WHERE w.grain_type = r.grain_type AND w.grain_key = r.grain_key
               AND u.index_id = r.index_id AND u.index_key = r.index_key AND (r.owner IS NULL OR u.owner = r.owner)
            RETURNING 1
        ), keys_destroyed AS (
            DELETE FROM data_keys AS k
             USING unnest($24::integer[], $25::bytea[], $26::bytea[], $27::bytea[]) AS r(grain_type, grain_key, subject, wrapped), written AS w
             WHERE w.grain_type = r.grain_type AND w.grain_key = r.grain_key
               AND k.subject = r.subject AND (r.wrapped IS NULL OR k.wrapped = r.wrapped)
            RETURNING 1
        ), claims_released AS (
            DELETE FROM identifier_claims AS c
             USING unnest($28::integer[], $29::bytea[], $30::uuid[], $31::uuid[]) AS r(grain_type, grain_key, index_key, owner), written AS w
             WHERE w.grain_type = r.grain_type AND w.grain_key = r.grain_key
               AND c.index_key = r.index_key AND (r.owner IS NULL OR c.owner = r.owner)
            RETURNING 1
        )
        SELECT grain_type, grain_key, version FROM written
        """;

    public async Task<StoredGrainState?> ReadAsync(GrainKey grainId, CancellationToken cancellationToken = default)
    {
        // A type never numbered has never been stored.
        if (await names.FindAsync(grainId.Type, cancellationToken) is not { } type)
        {
            return null;
        }
        await using var command = database.DataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new() { Value = type });
        command.Parameters.Add(new() { Value = CompactKey.Encode(grainId.Key) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var payload = reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1);
        return new StoredGrainState(payload, reader.GetInt64(0));
    }

    public async Task<IReadOnlyList<StoredGrainState?>> ReadManyAsync(IReadOnlyList<GrainKey> grainIds, CancellationToken cancellationToken = default)
    {
        var states = new StoredGrainState?[grainIds.Count];
        if (grainIds.Count == 0)
        {
            return states;
        }
        var types = new int[grainIds.Count];
        var keys = new byte[grainIds.Count][];
        for (var i = 0; i < grainIds.Count; i++)
        {
            // 0 is no name's number (they start at 1): a type never numbered finds no row.
            types[i] = await names.FindAsync(grainIds[i].Type, cancellationToken) ?? 0;
            keys[i] = CompactKey.Encode(grainIds[i].Key);
        }
        await using var command = database.DataSource.CreateCommand(ReadManySql);
        command.Parameters.Add(new() { Value = types });
        command.Parameters.Add(new() { Value = keys });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var payload = reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2);
            states[reader.GetInt64(0) - 1] = new StoredGrainState(payload, reader.GetInt64(1));
        }
        return states;
    }

    public async Task<IReadOnlyList<StateWriteResult>> WriteAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken = default)
    {
        if (writes.Count == 0)
        {
            return [];
        }
        var typeIds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var write in writes)
        {
            if (!typeIds.ContainsKey(write.GrainKey.Type))
            {
                typeIds[write.GrainKey.Type] = await names.IdAsync(write.GrainKey.Type, cancellationToken);
            }
        }
        var typeNames = typeIds.ToDictionary(pair => pair.Value, pair => pair.Key);
        var types = new int[writes.Count];
        var keys = new byte[writes.Count][];
        var expected = new long[writes.Count];
        var payloads = new byte[]?[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            types[i] = typeIds[writes[i].GrainKey.Type];
            keys[i] = CompactKey.Encode(writes[i].GrainKey.Key);
            expected[i] = writes[i].ExpectedVersion;
            payloads[i] = writes[i].Payload;
        }

        var appends = new SideEffectColumns<StreamAppend>(writes, typeIds, write => write.Appends);
        var setUpserts = new SideEffectColumns<SetEntryChange>(writes, typeIds, write => write.SetChanges.Where(change => change.Payload is not null));
        var setRemovals = new SideEffectColumns<SetEntryChange>(writes, typeIds, write => write.SetChanges.Where(change => change.Payload is null));
        var releases = new SideEffectColumns<UniqueKeyRelease>(writes, typeIds, write => write.IndexReleases.Where(release => PostgresIndexTable.For(release.Index).IsShared));
        var claimReleases = new SideEffectColumns<UniqueKeyRelease>(writes, typeIds, write => write.IndexReleases.Where(release => release.Index == UniqueIndexes.Identifiers
            && UniqueIndexes.CanHold(release.Index, release.Key) && UniqueIndexes.CanHold(release.Index, release.Owner)));
        var destructions = new SideEffectColumns<UniqueKeyRelease>(writes, typeIds, write => write.IndexReleases.Where(release => release.Index == UniqueIndexes.DataKeys));

        var upsertSets = await names.IdsAsync(setUpserts.Select(change => change.SetId), cancellationToken);
        var removalSets = await names.IdsAsync(setRemovals.Select(change => change.SetId), cancellationToken);
        var releaseIndexes = await names.IdsAsync(releases.Select(release => release.Index), cancellationToken);

        await using var command = database.DataSource.CreateCommand(WriteSql);
        command.Parameters.Add(new() { Value = types });
        command.Parameters.Add(new() { Value = keys });
        command.Parameters.Add(new() { Value = expected });
        command.Parameters.Add(new() { Value = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new() { Value = appends.GrainTypes });
        command.Parameters.Add(new() { Value = appends.GrainKeys });
        command.Parameters.Add(new() { Value = appends.Select(append => CompactKey.Encode(append.StreamId)) });
        command.Parameters.Add(new() { Value = appends.Select(append => PostgresStreamSequence.Stored(append.Sequence)) });
        command.Parameters.Add(new() { Value = appends.Select(append => append.Payload), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new() { Value = setUpserts.GrainTypes });
        command.Parameters.Add(new() { Value = setUpserts.GrainKeys });
        command.Parameters.Add(new() { Value = upsertSets });
        command.Parameters.Add(new() { Value = setUpserts.Select(change => OrderedKey.Encode(change.Member)) });
        command.Parameters.Add(new() { Value = setUpserts.Select(change => change.Payload), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new() { Value = releases.GrainTypes });
        command.Parameters.Add(new() { Value = releases.GrainKeys });
        command.Parameters.Add(new() { Value = releaseIndexes });
        command.Parameters.Add(new() { Value = releases.Select(release => CompactKey.Encode(release.Key)), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new() { Value = releases.Select(release => release.Owner is null ? null : CompactKey.Encode(release.Owner)), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new() { Value = setRemovals.GrainTypes });
        command.Parameters.Add(new() { Value = setRemovals.GrainKeys });
        command.Parameters.Add(new() { Value = removalSets });
        command.Parameters.Add(new() { Value = setRemovals.Select(change => OrderedKey.Encode(change.Member)) });
        command.Parameters.Add(new() { Value = destructions.GrainTypes });
        command.Parameters.Add(new() { Value = destructions.GrainKeys });
        command.Parameters.Add(new() { Value = destructions.Select(release => CompactKey.Encode(release.Key)), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new() { Value = destructions.Select(release => release.Owner is null ? null : CompactKey.Encode(release.Owner)), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new() { Value = claimReleases.GrainTypes });
        command.Parameters.Add(new() { Value = claimReleases.GrainKeys });
        command.Parameters.Add(new() { Value = claimReleases.Select(release => FixedWidthKey.ToGuid(release.Key)) });
        command.Parameters.Add(new() { Value = claimReleases.Select(release => release.Owner is null ? (Guid?)null : FixedWidthKey.ToGuid(release.Owner)), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });

        var written = new Dictionary<GrainKey, long>(writes.Count);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                written[new GrainKey(typeNames[reader.GetInt32(0)], CompactKey.Decode(reader.GetFieldValue<byte[]>(1)))] = reader.GetInt64(2);
            }
        }

        var results = new StateWriteResult[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            results[i] = written.TryGetValue(writes[i].GrainKey, out var version) ? StateWriteResult.Written(version) : StateWriteResult.Conflict;
        }
        return results;
    }

    /// <summary>The side effects of a batch's writes as parallel arrays, each row tagged with its write's grain.</summary>
    private sealed class SideEffectColumns<T>
    {
        private readonly List<T> _items = [];

        public SideEffectColumns(IReadOnlyList<StateWrite> writes, Dictionary<string, int> typeIds, Func<StateWrite, IEnumerable<T>> select)
        {
            var types = new List<int>();
            var keys = new List<byte[]>();
            foreach (var write in writes)
            {
                foreach (var item in select(write))
                {
                    _items.Add(item);
                    types.Add(typeIds[write.GrainKey.Type]);
                    keys.Add(CompactKey.Encode(write.GrainKey.Key));
                }
            }
            GrainTypes = [.. types];
            GrainKeys = [.. keys];
        }

        /// <summary>The grains' types as their numbers (<see cref="PostgresNames"/>).</summary>
        public int[] GrainTypes { get; }

        /// <summary>The grains' keys in <see cref="CompactKey"/> form.</summary>
        public byte[][] GrainKeys { get; }

        public TColumn[] Select<TColumn>(Func<T, TColumn> column)
        {
            var values = new TColumn[_items.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = column(_items[i]);
            }
            return values;
        }
    }
}
