using Microsoft.Data.Sqlite;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Sqlite;

/// <summary>
/// Bulk loads in one IMMEDIATE transaction on the single writer. Being the only writer, it can look for
/// conflicting claims first and write nothing when there are any.
/// </summary>
public sealed class SqliteBulkGrainLoader(SqliteDatabase database) : IBulkGrainLoader
{
    public Task<BulkLoadOutcome> LoadAsync(BulkLoad load, CancellationToken cancellationToken = default)
    {
        load.EnsureOnlyNewGrains();
        return database.WriteAsync((connection, transaction) =>
        {
            var conflicts = FindConflicts(connection, transaction, load.Claims);
            if (conflicts.Count > 0)
            {
                return new BulkLoadOutcome(conflicts);
            }
            foreach (var table in SqliteIndexTable.All)
            {
                using var claim = Command(connection, transaction, table.InsertSql);
                // Named whatever the table: the data keys' statement has no index column, and SQLite ignores a name it does not use.
                if (!claim.Parameters.Contains("$index"))
                {
                    claim.Parameters.AddWithValue("$index", DBNull.Value);
                }
                foreach (var each in load.Claims.Where(each => SqliteIndexTable.For(each.Index) == table))
                {
                    Run(claim, ("$index", each.Index), ("$key", CompactKey.Encode(each.Key)), ("$owner", CompactKey.Encode(each.Owner)));
                }
            }
            var names = SqliteNames.Number(connection, transaction, SideEffectCommands.NamesOf(load.States));
            using var insert = Command(connection, transaction, """
                INSERT INTO grain_state (grain_type, grain_key, version, payload)
                VALUES ($type, $key, 1, $payload)
                """);
            using var sideEffects = new SideEffectCommands(connection, transaction, names);
            foreach (var write in load.States)
            {
                Run(insert, ("$type", names[write.GrainKey.Type]), ("$key", CompactKey.Encode(write.GrainKey.Key)), ("$payload", write.Payload!));
                sideEffects.Apply(write);
            }
            return BulkLoadOutcome.Committed;
        }, cancellationToken);
    }

    /// <summary>Claims on keys owned by someone else, in storage or by an earlier claim of the same load.</summary>
    private List<UniqueClaim> FindConflicts(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<UniqueClaim> claims)
    {
        var selects = SqliteIndexTable.All.ToDictionary(table => table, table => Command(connection, transaction, table.OwnerSql));
        try
        {
            var claimedHere = new Dictionary<(string Index, string Key), string>();
            var conflicts = new List<UniqueClaim>();
            foreach (var claim in claims)
            {
                var select = selects[SqliteIndexTable.For(claim.Index)];
                select.Parameters["$index"].Value = claim.Index;
                select.Parameters["$key"].Value = CompactKey.Encode(claim.Key);
                var owner = select.ExecuteScalar() is byte[] stored ? CompactKey.Decode(stored) : null;
                if (owner is null && !claimedHere.TryGetValue((claim.Index, claim.Key), out owner))
                {
                    claimedHere[(claim.Index, claim.Key)] = claim.Owner;
                    continue;
                }
                if (owner != claim.Owner)
                {
                    conflicts.Add(claim);
                }
            }
            return conflicts;
        }
        finally
        {
            foreach (var select in selects.Values)
            {
                select.Dispose();
            }
        }
    }

    private SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in new[] { "$index", "$key", "$owner", "$type", "$payload" })
        {
            if (sql.Contains(name, StringComparison.Ordinal))
            {
                command.Parameters.AddWithValue(name, DBNull.Value);
            }
        }
        return command;
    }

    private static void Run(SqliteCommand command, params ReadOnlySpan<(string Name, object Value)> values)
    {
        foreach (var (name, value) in values)
        {
            command.Parameters[name].Value = value;
        }
        command.ExecuteNonQuery();
    }
}
