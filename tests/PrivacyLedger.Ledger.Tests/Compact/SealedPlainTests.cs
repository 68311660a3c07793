using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Ledger.Compact;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Requests;
using PrivacyLedger.Ledger.Subjects;
using PrivacyLedger.Ledger.Tests.Subjects;
using PrivacyLedger.Storage;
using Xunit.Abstractions;

namespace PrivacyLedger.Ledger.Tests.Compact;

/// <summary>
/// Event data and sealed records are sealed in the compact form and read as the JSON they were; ciphertexts sealed as
/// JSON by earlier versions keep opening; the ledger hash still covers the ciphertext. Prints the bytes saved.
/// </summary>
public sealed class SealedPlainTests(ITestOutputHelper output)
{
    private const string SubjectId = "019af5c2d1e07b3c9a4f6e8d2b1c0a9f";
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 12, 7, 1, 50, 12, TimeSpan.Zero).AddTicks(3456789);
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Event_data_is_sealed_compact_and_reads_as_its_json()
    {
        var data = PlainSamples.ImportData(42, withIdentityCode: true);
        var ledgerEvent = Seal(data);

        var plain = OpenEvent(ledgerEvent);
        Assert.Equal(CompactForm.Version1, plain[0]);
        Assert.Equal(JsonSerializer.Serialize(data, LedgerJson.Options), CompactPlain.Deserialize<JsonElement>(plain).GetRawText());
        // The hash covers the ciphertext as base64, as before: chains of either form verify alike.
        Assert.True(ledgerEvent.HashIsValid());
        Assert.Equal(ledgerEvent, LedgerStreams.Decode(new StoredStreamEvent(1, LedgerStreams.Encode(ledgerEvent))));
    }

    [Fact]
    public void Event_data_sealed_as_json_by_an_earlier_version_still_reads()
    {
        var json = PlainSamples.Json(PlainSamples.ImportData(42));
        var sealedData = Convert.ToBase64String(AuthenticatedCipher.Encrypt(_key, json, Encoding.UTF8.GetBytes(SubjectId)));
        var ledgerEvent = new LedgerEvent(1, At, LedgerEventTypes.SubjectImported, "admin:import", null, null, sealedData, LedgerEvent.GenesisHash,
            LedgerEvent.ComputeHash(1, At, LedgerEventTypes.SubjectImported, "admin:import", null, null, sealedData, LedgerEvent.GenesisHash));

        Assert.True(ledgerEvent.HashIsValid());
        Assert.Equal(Encoding.UTF8.GetString(json), CompactPlain.Deserialize<JsonElement>(OpenEvent(ledgerEvent)).GetRawText());
    }

    [Fact]
    public void Records_are_sealed_compact_and_open_as_they_were()
    {
        using var sealer = new FieldSealer(SubjectId, _key);
        var contact = PlainSamples.Contact(42);
        var details = PlainSamples.Details;

        var sealedContact = sealer.Seal(contact, SealedFields.Contact);
        var sealedDetails = sealer.Seal(details, SealedFields.RequestDetails);

        Assert.Equal(CompactForm.Version1, AuthenticatedCipher.Decrypt(_key, sealedContact, FieldData(SealedFields.Contact))[0]);
        Assert.Equal(contact, sealer.TryOpen<ContactData>(sealedContact, SealedFields.Contact));
        Assert.Equal(PlainSamples.Json(details), PlainSamples.Json(sealer.TryOpen<RequestDetails>(sealedDetails, SealedFields.RequestDetails)!));
        Assert.Null(sealer.TryOpen<ContactData>(sealedContact, SealedFields.RequestDetails));
    }

    [Fact]
    public void A_record_sealed_as_json_by_an_earlier_version_still_opens()
    {
        using var sealer = new FieldSealer(SubjectId, _key);
        var contact = PlainSamples.Contact(42);
        var details = PlainSamples.Details;

        var oldContact = AuthenticatedCipher.Encrypt(_key, PlainSamples.Json(contact), FieldData(SealedFields.Contact));
        var oldDetails = AuthenticatedCipher.Encrypt(_key, PlainSamples.Json(details), FieldData(SealedFields.RequestDetails));

        Assert.Equal(contact, sealer.TryOpen<ContactData>(oldContact, SealedFields.Contact));
        Assert.Equal(PlainSamples.Json(details), PlainSamples.Json(sealer.TryOpen<RequestDetails>(oldDetails, SealedFields.RequestDetails)!));
    }

    [Fact]
    public void Texts_are_still_sealed_as_their_utf8()
    {
        using var sealer = new FieldSealer(SubjectId, _key);
        var sealedText = sealer.Seal("\u0001 not compact", SealedFields.RestrictionReason);
        Assert.Equal("\u0001 not compact"u8.ToArray(), AuthenticatedCipher.Decrypt(_key, sealedText, FieldData(SealedFields.RestrictionReason)));
        Assert.Equal("\u0001 not compact", sealer.TryOpen<string>(sealedText, SealedFields.RestrictionReason));
    }

    /// <summary>
    /// The typical person of the import benchmark: their subject.imported event as stored (binary event codec), with the
    /// plaintext sealed as JSON (before) and compact (now); averaged over the benchmark's mix too (every third person an
    /// identity code, every tenth in two registers). The state's fields are sealed together in a bundle of their own
    /// binary form now (SubjectStateCodecTests measures it).
    /// </summary>
    [Fact]
    public void The_typical_imported_person_takes_fewer_bytes_at_rest()
    {
        long eventBefore = 0, eventAfter = 0;
        const int People = 300;
        for (var i = 0; i < People; i++)
        {
            var data = PlainSamples.ImportData(i, withIdentityCode: i % 3 == 0, twoRegisters: i % 10 == 0);
            var compactEvent = LedgerStreams.Encode(Seal(data)).Length;
            var jsonEvent = compactEvent + PlainSamples.Json(data).Length - CompactLength(PlainSamples.Json(data));
            if (i == 1)
            {
                output.WriteLine($"typical person (no identity code, one register): event {jsonEvent} B -> {compactEvent} B");
                Assert.True(compactEvent < jsonEvent - 150, $"event {jsonEvent} B -> {compactEvent} B");
            }
            (eventBefore, eventAfter) = (eventBefore + jsonEvent, eventAfter + compactEvent);
        }
        output.WriteLine($"benchmark mix, mean of {People}: event {eventBefore / (double)People:F1} B -> {eventAfter / (double)People:F1} B, " +
            $"saved {(eventBefore - eventAfter) / (double)People:F1} B per person");
    }

    private LedgerEvent Seal(object data) =>
        LedgerStreams.Seal(new LedgerEntryDraft(At, LedgerEventTypes.SubjectImported, new Actor("import", "admin"), null, null, data), 0, LedgerEvent.GenesisHash, SubjectId, _key);

    private byte[] OpenEvent(LedgerEvent ledgerEvent) =>
        AuthenticatedCipher.Decrypt(_key, Convert.FromBase64String(ledgerEvent.SealedData!), Encoding.UTF8.GetBytes(SubjectId));

    private static int CompactLength(byte[] json)
    {
        using var plain = CompactPlain.FromJson(json);
        return plain.Span.Length;
    }

    // As FieldSealer binds a field's ciphertext: the subject id, a unit separator, the field.
    private static byte[] FieldData(string field) => Encoding.UTF8.GetBytes($"{SubjectId}\u001f{field}");
}
