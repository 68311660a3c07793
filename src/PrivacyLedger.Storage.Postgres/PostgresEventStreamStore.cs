using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Postgres;

/// <summary>A page is one primary-key range scan, from the row before the first event asked for (<see cref="StreamPage"/>).</summary>
public sealed class PostgresEventStreamStore(PostgresDatabase database) : IEventStreamStore
{
    public async Task<IReadOnlyList<StoredStreamEvent>> ReadAsync(string streamId, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT seq, payload FROM stream_events WHERE stream_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3");
        command.Parameters.Add(new() { Value = CompactKey.Encode(streamId) });
        command.Parameters.Add(new() { Value = StreamPage.FirstToRead(afterSequence) });
        command.Parameters.Add(new() { Value = StreamPage.RowsToRead(afterSequence, limit) });
        var rows = new List<(long, byte[])>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
        }
        return StreamPage.From(rows, afterSequence, limit);
    }
}
