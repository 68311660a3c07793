namespace PrivacyLedger.Storage;

/// <summary>
/// A page of <see cref="IEventStreamStore.ReadAsync"/> from the rows an engine read: those from <c>afterSequence</c> on (the
/// row at <c>afterSequence</c> itself too, as the first event's predecessor), at most <see cref="RowsToRead"/> of them.
/// </summary>
public static class StreamPage
{
    /// <summary>The lowest sequence number to read: the row at <paramref name="afterSequence"/> is the first event's predecessor.</summary>
    public static long FirstToRead(long afterSequence) => Math.Max(afterSequence, 1);

    /// <summary>How many rows to read for a page of <paramref name="limit"/> events: one more when a predecessor may come first.</summary>
    public static int RowsToRead(long afterSequence, int limit) => afterSequence >= 1 && limit < int.MaxValue ? limit + 1 : limit;

    /// <summary>The page's events, each with its predecessor's payload when the rows read hold it.</summary>
    public static IReadOnlyList<StoredStreamEvent> From(IReadOnlyList<(long Sequence, byte[] Payload)> rows, long afterSequence, int limit)
    {
        var events = new List<StoredStreamEvent>(Math.Min(rows.Count, Math.Max(limit, 0)));
        for (var i = 0; i < rows.Count && events.Count < limit; i++)
        {
            var (sequence, payload) = rows[i];
            if (sequence <= afterSequence)
            {
                continue;
            }
            var previous = i > 0 && rows[i - 1].Sequence == sequence - 1 ? rows[i - 1].Payload : null;
            events.Add(new StoredStreamEvent(sequence, payload, previous));
        }
        return events;
    }
}
