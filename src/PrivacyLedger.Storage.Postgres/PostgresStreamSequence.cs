namespace PrivacyLedger.Storage.Postgres;

/// <summary>
/// A stream's sequence number as <c>stream_events.seq</c> stores it since schema version 9: an integer, 4 bytes in the row
/// and in the primary-key entry where a bigint took 8 and its alignment 4 more. The stream contract keeps long sequence
/// numbers; one the integer cannot hold is refused before anything is written, never wrapped or cut.
/// </summary>
public static class PostgresStreamSequence
{
    public static int Stored(long sequence) => sequence is >= int.MinValue and <= int.MaxValue
        ? (int)sequence
        // The sequence number only: a stream id names its subject.
        : throw new ArgumentOutOfRangeException(nameof(sequence), sequence,
            $"A stream append at sequence number {sequence} is beyond what PostgreSQL's stream_events.seq stores (an integer, at most {int.MaxValue}): nothing was written.");
}
