using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Postgres;

public sealed class PostgresEventStreamStore(PostgresDatabase database) : IEventStreamStore
{
    public async Task<IReadOnlyList<StoredStreamEvent>> ReadAsync(string streamId, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT seq, payload FROM stream_events WHERE stream_id = $1 AND seq > $2 ORDER BY seq LIMIT $3");
        command.Parameters.Add(new() { Value = CompactKey.Encode(streamId) });
        command.Parameters.Add(new() { Value = afterSequence });
        command.Parameters.Add(new() { Value = limit });
        var events = new List<StoredStreamEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new StoredStreamEvent(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
        }
        return events;
    }
}
