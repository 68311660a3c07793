using System.Collections.Concurrent;

namespace PrivacyLedger.Storage.Postgres;

/// <summary>
/// The numbers of set ids and index names (table <c>names</c>), which rows hold instead of the names. A name is numbered
/// once per schema and never renumbered, so each node caches what it has resolved. A new name is added by whichever node
/// needs it first: ON CONFLICT DO NOTHING then a read back, in two statements, so two nodes adding one name at once
/// both read the one number the first commit gave it. A restored backup may number names differently from what a running
/// node cached: restore with every node stopped (README, "Erasure survives a restore").
/// </summary>
public sealed class PostgresNames(PostgresDatabase database)
{
    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);

    /// <summary>The number of <paramref name="name"/>, added if it has none yet.</summary>
    public async ValueTask<int> IdAsync(string name, CancellationToken cancellationToken)
    {
        if (_ids.TryGetValue(name, out var id))
        {
            return id;
        }
        await using (var insert = database.DataSource.CreateCommand("INSERT INTO names (name) VALUES ($1) ON CONFLICT (name) DO NOTHING"))
        {
            insert.Parameters.Add(new() { Value = name });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        return await FindAsync(name, cancellationToken) ?? throw new InvalidOperationException("A name added to the dictionary could not be read back.");
    }

    /// <summary>The numbers of several names, added if need be, in their order.</summary>
    public async ValueTask<int[]> IdsAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var ids = new int[names.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = await IdAsync(names[i], cancellationToken);
        }
        return ids;
    }

    /// <summary>The number of <paramref name="name"/>, or null when nothing was ever stored under it (nothing is added).</summary>
    public async ValueTask<int?> FindAsync(string name, CancellationToken cancellationToken)
    {
        if (_ids.TryGetValue(name, out var cached))
        {
            return cached;
        }
        await using var select = database.DataSource.CreateCommand("SELECT id FROM names WHERE name = $1");
        select.Parameters.Add(new() { Value = name });
        if (await select.ExecuteScalarAsync(cancellationToken) is not int id)
        {
            return null;
        }
        return _ids[name] = id;
    }
}
