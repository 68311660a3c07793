using System.Security.Cryptography;
using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Ledger.Compact;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Tests.Chain;

/// <summary>
/// Ledger rows stored chained, without their previous hash (storage schema 8): read back through stream pages they carry
/// the previous row's hash, and the chain still fails verification when any row is changed, removed or reordered.
/// </summary>
public sealed class ChainedLedgerRowsTests
{
    private const string SubjectId = "0193a5b2c4d87e6f9a1b2c3d4e5f6a7b";
    private static readonly DateTimeOffset At = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void A_chained_event_is_its_full_binary_form_without_the_32_bytes_of_its_previous_hash()
    {
        var events = Chain(3);
        var third = events[2];

        var chained = LedgerStreams.Encode(third);
        var full = LedgerEventCodec.EncodeWithPreviousHash(third);

        Assert.Equal(full.Length - 32, chained.Length);
        Assert.Equal(CompactForm.Version1, chained[0]);
        Assert.False(chained.AsSpan().IndexOf(Convert.FromHexString(third.PrevHash)) >= 0, "the previous hash is not stored");
        Assert.Equal(third, LedgerStreams.Decode(new StoredStreamEvent(3, chained, LedgerStreams.Encode(events[1]))));
        Assert.Equal(third, LedgerStreams.Decode(new StoredStreamEvent(3, full)));
    }

    [Fact]
    public void The_first_event_reads_with_the_genesis_hash_and_nothing_before_it()
    {
        var first = Chain(1)[0];

        var decoded = LedgerStreams.Decode(new StoredStreamEvent(1, LedgerStreams.Encode(first)));

        Assert.Equal(LedgerEvent.GenesisHash, decoded.PrevHash);
        Assert.True(decoded.HashIsValid());
    }

    [Fact]
    public void A_stream_of_JSON_full_binary_and_chained_rows_reads_back_page_by_page_from_anywhere_and_verifies()
    {
        var events = Chain(7);
        // Rows as successive versions stored them: JSON first, then binary with the previous hash, then chained.
        var rows = events.Select(e => (e.Seq, e.Seq <= 2 ? LedgerJsonRow(e) : e.Seq <= 4 ? LedgerEventCodec.EncodeWithPreviousHash(e) : LedgerStreams.Encode(e))).ToList();

        Assert.True(Verifies(rows, events[^1]));
        for (var after = 0; after < events.Count; after++)
        {
            for (var limit = 1; limit <= events.Count; limit++)
            {
                var page = Page(rows, after, limit).Select(LedgerStreams.Decode).ToList();
                Assert.Equal(events.Skip(after).Take(limit), page);
            }
        }
    }

    [Fact]
    public void Any_byte_of_a_chained_row_changed_fails_verification()
    {
        var events = Chain(4);
        var rows = events.Select(e => (e.Seq, LedgerStreams.Encode(e))).ToList();
        Assert.True(Verifies(rows, events[^1]));

        for (var row = 0; row < rows.Count; row++)
        {
            for (var position = 0; position < rows[row].Item2.Length; position++)
            {
                foreach (var bit in new byte[] { 0x01, 0x80 })
                {
                    var tampered = rows.ToList();
                    var payload = (byte[])rows[row].Item2.Clone();
                    payload[position] ^= bit;
                    tampered[row] = (rows[row].Seq, payload);
                    Assert.False(Verifies(tampered, events[^1]), $"row {row + 1}, byte {position}, bit {bit}");
                }
            }
        }
    }

    [Fact]
    public void A_chained_row_removed_or_two_rows_swapped_or_replaced_by_another_chains_row_fails_verification()
    {
        var events = Chain(5);
        var rows = events.Select(e => (e.Seq, LedgerStreams.Encode(e))).ToList();
        var other = Chain(5);

        for (var removed = 0; removed < rows.Count; removed++)
        {
            // Removed, and the rows after it renumbered too: the hashes cover the sequence numbers, so that fails as well.
            var gap = rows.Where((_, i) => i != removed).ToList();
            Assert.False(Verifies(gap, events[^1]), $"row {removed + 1} removed");
            Assert.False(Verifies([.. gap.Select((row, i) => ((long)i + 1, row.Item2))], events[^1]), $"row {removed + 1} removed, renumbered");
        }
        for (var first = 0; first < rows.Count - 1; first++)
        {
            var swapped = rows.ToList();
            (swapped[first], swapped[first + 1]) = ((rows[first].Seq, rows[first + 1].Item2), (rows[first + 1].Seq, rows[first].Item2));
            Assert.False(Verifies(swapped, events[^1]), $"rows {first + 1} and {first + 2} swapped");

            var replaced = rows.ToList();
            replaced[first] = (rows[first].Seq, LedgerStreams.Encode(other[first]));
            Assert.False(Verifies(replaced, events[^1]), $"row {first + 1} replaced");
        }
    }

    [Fact]
    public void A_chained_event_whose_previous_row_is_missing_reads_with_a_previous_hash_that_fails_verification()
    {
        var events = Chain(3);
        var rows = new List<(long, byte[])> { (1, LedgerStreams.Encode(events[0])), (3, LedgerStreams.Encode(events[2])) };

        var page = Page(rows, 1, 10).Select(LedgerStreams.Decode).ToList();

        Assert.Equal(LedgerEventCodec.MissingPreviousHash, Assert.Single(page).PrevHash);
        Assert.False(page[0].HashIsValid());
    }

    /// <summary>A page as the engines read it: from the row at <paramref name="after"/> on, at most the rows they read.</summary>
    private static IReadOnlyList<StoredStreamEvent> Page(IReadOnlyList<(long Seq, byte[] Payload)> rows, long after, int limit) =>
        StreamPage.From([.. rows.Where(row => row.Seq >= StreamPage.FirstToRead(after)).Take(StreamPage.RowsToRead(after, limit))], after, limit);

    /// <summary>The subject grain's verification, over pages of two: link by link, and ending at the head the state holds.</summary>
    private static bool Verifies(IReadOnlyList<(long Seq, byte[] Payload)> rows, LedgerEvent head)
    {
        var previous = LedgerEvent.GenesisHash;
        long count = 0;
        try
        {
            while (Page(rows, count, 2) is { Count: > 0 } page)
            {
                foreach (var ledgerEvent in page.Select(LedgerStreams.Decode))
                {
                    count++;
                    if (ledgerEvent.Seq != count || ledgerEvent.PrevHash != previous || !ledgerEvent.HashIsValid())
                    {
                        return false;
                    }
                    previous = ledgerEvent.Hash;
                }
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or System.Text.Json.JsonException)
        {
            // A row no reader can make an event of: its first byte no longer a binary form's, or its fields cut.
            return false;
        }
        return count == head.Seq && previous == head.Hash;
    }

    private static List<LedgerEvent> Chain(int length)
    {
        var events = new List<LedgerEvent>();
        var head = LedgerEvent.GenesisHash;
        for (var seq = 0; seq < length; seq++)
        {
            var draft = new LedgerEntryDraft(At.AddMinutes(seq), seq % 2 == 0 ? LedgerEventTypes.ConsentGranted : LedgerEventTypes.PersonalDataRead,
                new Actor("crm", "service"), seq % 3 == 0 ? "shop" : null, null, new { purposeId = "newsletter", seq });
            var next = LedgerStreams.Seal(draft, seq, head, SubjectId, Key);
            events.Add(next);
            head = next.Hash;
        }
        return events;
    }

    private static byte[] LedgerJsonRow(LedgerEvent ledgerEvent) => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(ledgerEvent, LedgerJson.Options);
}
