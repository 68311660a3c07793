using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Postgres;

/// <summary>
/// Keyset paging over the primary key: each page is an index range scan, whatever the set's size. Rows hold the set's
/// number (<see cref="PostgresNames"/>; a set whose name was never numbered has no members) and each member in
/// <see cref="OrderedKey"/> form, whose byte order is the members' string order.
/// </summary>
public sealed class PostgresOrderedSetStore(PostgresDatabase database, PostgresNames names) : IOrderedSetStore
{
    public async Task<IReadOnlyList<SetEntry>> ListAsync(string setId, string? afterMember, int limit, CancellationToken cancellationToken = default)
    {
        if (await names.FindAsync(setId, cancellationToken) is not { } set)
        {
            return [];
        }
        await using var command = database.DataSource.CreateCommand(
            "SELECT member, payload FROM set_entries WHERE set_id = $1 AND member > $2 ORDER BY member LIMIT $3");
        command.Parameters.Add(new() { Value = set });
        command.Parameters.Add(new() { Value = OrderedKey.Encode(afterMember ?? "") });
        command.Parameters.Add(new() { Value = limit });
        var entries = new List<SetEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new SetEntry(OrderedKey.Decode(reader.GetFieldValue<byte[]>(0)), reader.GetFieldValue<byte[]>(1)));
        }
        return entries;
    }

    public async Task<long> CountAsync(string setId, CancellationToken cancellationToken = default)
    {
        if (await names.FindAsync(setId, cancellationToken) is not { } set)
        {
            return 0;
        }
        await using var command = database.DataSource.CreateCommand("SELECT count(*) FROM set_entries WHERE set_id = $1");
        command.Parameters.Add(new() { Value = set });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
