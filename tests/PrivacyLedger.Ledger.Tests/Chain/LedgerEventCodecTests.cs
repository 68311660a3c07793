using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using CsCheck;
using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Ledger.Compact;
using PrivacyLedger.Storage;
using Xunit.Abstractions;

namespace PrivacyLedger.Ledger.Tests.Chain;

public sealed class LedgerEventCodecTests(ITestOutputHelper output)
{
    private const string Imported = "event-subject-imported.json";

    /// <summary>The typical import event (one person, one register) in binary: its ciphertext plus at most this much.</summary>
    private const int MaxBinaryOverhead = 90;

    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 12, 7, 1, 50, 12, TimeSpan.Zero).AddTicks(3456789);

    private static readonly string[] StoredFiles =
        ["event-subject-imported.json", "event-consent-granted.json", "event-subject-erased.json", "event-offset-unknown-type.json"];

    public static TheoryData<string> StoredBeforeBinary => [.. StoredFiles];

    [Theory]
    [MemberData(nameof(StoredBeforeBinary))]
    public void An_event_stored_as_JSON_by_an_earlier_version_reads_as_it_did(string file)
    {
        var payload = StoredPayloads.Read(file);
        var json = JsonDocument.Parse(payload).RootElement;

        // JSON names its own sequence number: the row's is not needed.
        var decoded = LedgerStreams.Decode(new StoredStreamEvent(999, payload));

        Assert.Equal(json.GetProperty("seq").GetInt64(), decoded.Seq);
        Assert.Equal(json.GetProperty("at").GetString(), decoded.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(json.GetProperty("type").GetString(), decoded.Type);
        Assert.Equal(json.GetProperty("actor").GetString(), decoded.Actor);
        Assert.Equal(Optional(json, "registerId"), decoded.RegisterId);
        Assert.Equal(Optional(json, "requestId"), decoded.RequestId);
        Assert.Equal(Optional(json, "sealedData"), decoded.SealedData);
        Assert.Equal(json.GetProperty("prevHash").GetString(), decoded.PrevHash);
        Assert.Equal(json.GetProperty("hash").GetString(), decoded.Hash);
        Assert.True(decoded.HashIsValid());
        // Nothing was lost or added: written as JSON again, it is the very bytes that were stored.
        Assert.Equal(payload, JsonSerializer.SerializeToUtf8Bytes(decoded, LedgerJson.Options));
    }

    [Theory]
    [MemberData(nameof(StoredBeforeBinary))]
    public void An_earlier_event_written_again_reads_back_identical_and_verifies(string file)
    {
        var before = LedgerStreams.Decode(new StoredStreamEvent(0, StoredPayloads.Read(file)));

        var payload = LedgerStreams.Encode(before);
        var after = LedgerStreams.Decode(new StoredStreamEvent(before.Seq, payload, PreviousRow(before)));

        AssertSame(before, after);
        Assert.True(after.HashIsValid());
        // Only the event with a time in another offset cannot be held by the binary form.
        Assert.Equal(before.At.Offset == TimeSpan.Zero, payload[0] == CompactForm.Version1);
    }

    [Fact]
    public void A_chain_stored_as_JSON_and_continued_in_binary_verifies_link_by_link()
    {
        string[] files = ["event-subject-imported.json", "event-consent-granted.json", "event-subject-erased.json"];
        var events = files.Select(file => LedgerStreams.Decode(new StoredStreamEvent(0, StoredPayloads.Read(file)))).ToList();
        var last = events[^1];
        var next = LedgerStreams.Seal(new LedgerEntryDraft(At.AddHours(1), LedgerEventTypes.ReceiptIssued, Actor.System, null, "r1", new { outcome = "erased" }),
            last.Seq, last.Hash, "0193a5b2c4d87e6f9a1b2c3d4e5f6a7b", RandomNumberGenerator.GetBytes(32));
        // Chained: its previous hash is read from the JSON row before it.
        events.Add(LedgerStreams.Decode(new StoredStreamEvent(next.Seq, LedgerStreams.Encode(next), StoredPayloads.Read(files[^1]))));

        var previous = LedgerEvent.GenesisHash;
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal(i + 1, events[i].Seq);
            Assert.Equal(previous, events[i].PrevHash);
            Assert.True(events[i].HashIsValid());
            previous = events[i].Hash;
        }
    }

    [Fact]
    public void The_typical_import_event_is_its_ciphertext_and_a_few_dozen_bytes()
    {
        var json = StoredPayloads.Read(Imported);
        var importEvent = LedgerStreams.Decode(new StoredStreamEvent(0, json));
        var ciphertext = Convert.FromBase64String(importEvent.SealedData!);

        var binary = LedgerStreams.Encode(importEvent);

        output.WriteLine($"subject.imported: JSON {json.Length} B, binary {binary.Length} B (ciphertext {ciphertext.Length} B)");
        Assert.Equal(CompactForm.Version1, binary[0]);
        Assert.True(binary.Length <= ciphertext.Length + MaxBinaryOverhead, $"{binary.Length} B");
        Assert.True(binary.Length <= 630, $"{binary.Length} B");
        foreach (var file in StoredFiles)
        {
            var payload = StoredPayloads.Read(file);
            output.WriteLine($"{file}: JSON {payload.Length} B, now {LedgerStreams.Encode(LedgerStreams.Decode(new StoredStreamEvent(0, payload))).Length} B");
        }
    }

    [Fact]
    public void Generated_events_read_back_exactly_in_whichever_form_they_were_stored()
    {
        Events.Sample(ledgerEvent =>
        {
            var payload = LedgerStreams.Encode(ledgerEvent);
            if (!IsValidUtf16(ledgerEvent))
            {
                // Neither form can hold a lone surrogate: such an event is stored as it always was.
                Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(ledgerEvent, LedgerJson.Options), payload);
                return;
            }
            var decoded = LedgerStreams.Decode(new StoredStreamEvent(ledgerEvent.Seq, payload, PreviousRow(ledgerEvent)));

            AssertSame(ledgerEvent, decoded);
            Assert.Equal(ledgerEvent.HashIsValid(), decoded.HashIsValid());
            Assert.Equal(FitsBinary(ledgerEvent), payload[0] == CompactForm.Version1);
        }, iter: 5_000);
    }

    [Fact]
    public void A_sealed_event_reads_back_with_its_hash_valid_and_its_data_opening()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var sealedEvent = LedgerStreams.Seal(new LedgerEntryDraft(At, LedgerEventTypes.ConsentGranted, new Actor("crm", "service"), "shop", null, new { purposeId = "newsletter" }),
            41, new string('a', 64), "s1", key);

        var decoded = LedgerStreams.Decode(new StoredStreamEvent(42, LedgerStreams.Encode(sealedEvent), PreviousRow(sealedEvent)));

        AssertSame(sealedEvent, decoded);
        Assert.True(decoded.HashIsValid());
        var plain = PrivacyLedger.Ledger.Crypto.AuthenticatedCipher.Decrypt(key, Convert.FromBase64String(decoded.SealedData!), "s1"u8);
        // Sealed in the compact plaintext form, which reads back as the JSON it was made from.
        Assert.Equal(CompactForm.Version1, plain[0]);
        Assert.Equal("""{"purposeId":"newsletter"}""", System.Text.Encoding.UTF8.GetString(CompactPlain.JsonOf(plain)));
    }

    [Fact]
    public void A_binary_event_read_under_another_sequence_number_fails_verification()
    {
        var ledgerEvent = Event(seq: 4);

        var moved = LedgerStreams.Decode(new StoredStreamEvent(5, LedgerStreams.Encode(ledgerEvent), PreviousRow(ledgerEvent)));

        Assert.Equal(5, moved.Seq);
        Assert.False(moved.HashIsValid());
    }

    public static TheoryData<string> NotLowerHexHashes => ["", "abc", new string('A', 64), new string('g', 64), new string('0', 63) + "F", new string('0', 66)];

    [Theory]
    [MemberData(nameof(NotLowerHexHashes))]
    public void A_hash_that_is_not_64_lowercase_hex_digits_is_stored_as_JSON_and_kept(string hash)
    {
        AssertStoredAsJson(Event() with { Hash = hash });
        AssertStoredAsJson(Event() with { PrevHash = hash });
    }

    public static TheoryData<string> NotCanonicalBase64 => ["QR==", "QQ", "QQ=", " QQ==", "QQ==\n", "QU\nJD", "QUJD====", "Q===", "!!!!", "QUI="[..3]];

    [Theory]
    [MemberData(nameof(NotCanonicalBase64))]
    public void Sealed_data_that_is_not_canonical_base64_is_stored_as_JSON_and_kept(string sealedData) =>
        AssertStoredAsJson(Event() with { SealedData = sealedData });

    [Fact]
    public void A_time_with_an_offset_is_stored_as_JSON_and_keeps_its_offset() =>
        AssertStoredAsJson(Event() with { At = new DateTimeOffset(2026, 3, 1, 8, 30, 0, TimeSpan.FromHours(2)) });

    [Fact]
    public void Empty_sealed_data_is_not_absent_sealed_data()
    {
        var empty = Event() with { SealedData = "" };

        var decoded = LedgerStreams.Decode(new StoredStreamEvent(empty.Seq, LedgerStreams.Encode(empty)));

        Assert.Equal("", decoded.SealedData);
    }

    [Fact]
    public void Text_with_a_lone_surrogate_is_left_to_JSON_as_before()
    {
        var ledgerEvent = Event() with { Actor = "service:\ud800" };

        var payload = LedgerStreams.Encode(ledgerEvent);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(ledgerEvent, LedgerJson.Options), payload);
    }

    [Fact]
    public void An_unknown_type_is_stored_as_its_text()
    {
        var ledgerEvent = Event() with { Type = "custom.type-\u00e4" };

        var payload = LedgerStreams.Encode(ledgerEvent);

        Assert.Equal(CompactForm.Version1, payload[0]);
        Assert.Equal(LedgerEventTypeCodes.Text, payload[2]);
        AssertSame(ledgerEvent, LedgerStreams.Decode(new StoredStreamEvent(ledgerEvent.Seq, payload)));
    }

    [Fact]
    public void Every_event_type_has_its_own_one_byte_code()
    {
        var types = typeof(LedgerEventTypes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToList();

        foreach (var type in types)
        {
            var code = LedgerEventTypeCodes.CodeOf(type);
            Assert.True(code != LedgerEventTypeCodes.Text, $"{type} has no code: append it to LedgerEventTypeCodes.");
            Assert.Equal(type, LedgerEventTypeCodes.TypeOf(code));
        }
        Assert.Equal(LedgerEventTypeCodes.All.Count - 1, LedgerEventTypeCodes.All.Skip(1).Distinct().Count());
    }

    [Fact]
    public void The_codes_of_stored_types_never_change()
    {
        // Rows hold these codes: a new type takes the next code, an old one keeps its own.
        Assert.Equal(2, LedgerEventTypeCodes.CodeOf(LedgerEventTypes.SubjectImported));
        Assert.Equal(7, LedgerEventTypeCodes.CodeOf(LedgerEventTypes.ConsentGranted));
        Assert.Equal(21, LedgerEventTypeCodes.CodeOf(LedgerEventTypes.SubjectErased));
        Assert.Equal(23, LedgerEventTypeCodes.CodeOf(LedgerEventTypes.RetentionAwaitingConfirmation));
    }

    [Fact]
    public void A_payload_cut_short_is_rejected_or_fails_verification()
    {
        var ledgerEvent = Event();
        var payload = LedgerStreams.Encode(ledgerEvent);

        for (var length = 1; length < payload.Length; length++)
        {
            var prefix = payload[..length];
            try
            {
                Assert.False(LedgerStreams.Decode(new StoredStreamEvent(ledgerEvent.Seq, prefix)).HashIsValid());
            }
            catch (InvalidDataException)
            {
            }
        }
    }

    [Fact]
    public void Unknown_flags_a_later_format_and_an_unknown_type_code_are_rejected()
    {
        var payload = LedgerStreams.Encode(Event());

        Assert.Throws<InvalidDataException>(() => LedgerStreams.Decode(new StoredStreamEvent(1, [.. payload[..1], 0x80, .. payload[2..]])));
        Assert.Throws<InvalidDataException>(() => LedgerStreams.Decode(new StoredStreamEvent(1, [.. payload[..2], 250, .. payload[3..]])));
        var later = Assert.Throws<InvalidDataException>(() => LedgerStreams.Decode(new StoredStreamEvent(1, [0x02, .. payload[1..]])));
        Assert.Contains("newer", later.Message, StringComparison.Ordinal);
    }

    private static LedgerEvent Event(long seq = 1, string? sealedData = "c2VhbGVk")
    {
        var hash = LedgerEvent.ComputeHash(seq, At, LedgerEventTypes.ConsentGranted, "service:crm", "shop", null, sealedData, LedgerEvent.GenesisHash);
        return new LedgerEvent(seq, At, LedgerEventTypes.ConsentGranted, "service:crm", "shop", null, sealedData, LedgerEvent.GenesisHash, hash);
    }

    private static void AssertStoredAsJson(LedgerEvent ledgerEvent)
    {
        var payload = LedgerStreams.Encode(ledgerEvent);

        Assert.Equal((byte)'{', payload[0]);
        AssertSame(ledgerEvent, LedgerStreams.Decode(new StoredStreamEvent(ledgerEvent.Seq, payload)));
    }

    /// <summary>A stored row the event could follow: one whose hash is the event's previous hash (as JSON when binary cannot hold it).</summary>
    internal static byte[] PreviousRow(LedgerEvent ledgerEvent) =>
        LedgerEventCodec.EncodeWithPreviousHash(Event(Math.Max(ledgerEvent.Seq - 1, 1)) with { Hash = ledgerEvent.PrevHash });

    /// <summary>The same event to the byte: record equality compares instants, not the offsets the API shows.</summary>
    private static void AssertSame(LedgerEvent expected, LedgerEvent actual)
    {
        Assert.Equal(expected, actual);
        Assert.Equal(expected.At.Offset, actual.At.Offset);
        Assert.Equal(JsonSerializer.Serialize(expected, LedgerJson.Options), JsonSerializer.Serialize(actual, LedgerJson.Options));
    }

    private static string? Optional(JsonElement json, string name) => json.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static bool FitsBinary(LedgerEvent e) =>
        e.At.Offset == TimeSpan.Zero && IsLowerHex(e.PrevHash) && IsLowerHex(e.Hash)
        && (e.SealedData is null || Canonical(e.SealedData));

    private static bool IsValidUtf16(LedgerEvent e) =>
        new[] { e.Type, e.Actor, e.RegisterId ?? "", e.RequestId ?? "", e.SealedData ?? "", e.PrevHash, e.Hash }
            .All(text => System.Text.Unicode.Utf8.FromUtf16(text, new byte[text.Length * 3], out _, out _, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done);

    private static bool IsLowerHex(string value) => value.Length == 64 && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static bool Canonical(string base64)
    {
        try
        {
            return Convert.ToBase64String(Convert.FromBase64String(base64)) == base64;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789:.-_ ()"].Array[0, 40].Select(chars => new string(chars)),
        Gen.Char['\u0000', '\uffff'].Array[0, 10].Select(chars => new string(chars)), // anything: lone surrogates too
        Gen.Const("service:crm"));

    private static readonly Gen<string> Hashes = Gen.Frequency(
        (8, Gen.Byte.Array[32].Select(Convert.ToHexStringLower)),
        (1, Gen.Byte.Array[32].Select(Convert.ToHexString)),
        (1, Text));

    private static readonly Gen<string?> SealedData = Gen.Frequency(
        (6, Gen.Byte.Array[0, 700].Select(bytes => (string?)Convert.ToBase64String(bytes))),
        (2, Gen.Const((string?)null)),
        (1, Text.Select(text => (string?)(text + "="))),
        (1, Gen.Byte.Array[1, 20].Select(bytes => (string?)(" " + Convert.ToBase64String(bytes)))));

    private static readonly Gen<DateTimeOffset> Times = Gen.Frequency(
        (8, Gen.Long[0, DateTime.MaxValue.Ticks].Select(ticks => new DateTimeOffset(ticks, TimeSpan.Zero))),
        (2, Gen.Select(Gen.Long[TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay], Gen.Int[-14 * 60, 14 * 60],
            (ticks, minutes) => new DateTimeOffset(ticks, TimeSpan.FromMinutes(minutes)))));

    private static readonly Gen<string> Types = Gen.Frequency((3, Gen.OneOf(LedgerEventTypeCodes.All.Skip(1).Select(t => t!).ToArray())), (1, Text));

    private static readonly Gen<LedgerEvent> Events = Gen.Select(
        Gen.Select(Gen.Long[1, long.MaxValue], Times, Types, Text, Gen.Null(Text), Gen.Null(Text), SealedData, Hashes,
            (seq, at, type, actor, registerId, requestId, sealedData, prevHash) => new LedgerEvent(seq, at, type, actor, registerId, requestId, sealedData, prevHash, "")),
        Hashes, Gen.Bool,
        (e, hash, valid) => e with { Hash = valid ? LedgerEvent.ComputeHash(e.Seq, e.At, e.Type, e.Actor, e.RegisterId, e.RequestId, e.SealedData, e.PrevHash) : hash });
}
