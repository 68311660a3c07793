using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CsCheck;
using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Ledger.Compact;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Imports;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Ledger.Tests.Compact;

/// <summary>
/// The import's event data writes its compact plaintext directly (<see cref="PlainWriter"/>): those bytes must be the very
/// ones the JSON path made (the serializer's JSON of the data as SubjectImporter built it before, transcoded), so an
/// event sealed either way opens to the same JSON.
/// </summary>
public sealed class ImportedEventPlainTests
{
    private const string SubjectId = "0193a5b2c4d87e6f9a1b2c3d4e5f6a7b";

    [Fact]
    public void The_plaintext_written_directly_is_the_one_transcoded_from_the_json_for_generated_people()
    {
        Person.Sample(person =>
        {
            var (state, contact) = person;
            var expected = PlaintextBefore(state, contact);
            using var writer = new PlainWriter(16); // small: growing the buffer is part of what is checked
            var data = new ImportedEventData(state, contact);
            // Declined (text UTF-8 cannot hold), the data's JSON is transcoded as before.
            var sealedNow = data.TryWriteCompact(writer) ? writer.WrittenSpan.ToArray() : PlaintextOf(JsonSerializer.SerializeToUtf8Bytes<object>(data, LedgerJson.Options));
            Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(sealedNow));
            // What the JSON path seals when the writer declines: the data's JSON, the same as before.
            Assert.Equal(Encoding.UTF8.GetString(JsonBefore(state, contact)), Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes<object>(data, LedgerJson.Options)));
        }, iter: 3_000);
    }

    [Fact]
    public void A_sealed_import_event_opens_to_the_json_it_held_before()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        using var sealer = new FieldSealer(SubjectId, key);
        var state = new SubjectState { SubjectId = SubjectId };
        state.Identifiers.Add(new StoredIdentifier(IdentifierKind.Email, "h", "väinö@example.fi", null));
        state.Identifiers.Add(new StoredIdentifier(IdentifierKind.Hetu, "h2", "131052-***T", null));
        state.Memberships["pk-terveys-customers"] = new Membership("pk-t-7", DateTimeOffset.UnixEpoch, null, "benchmark-export",
            new() { ["basic-data"] = new CategoryRecord(DateTimeOffset.UnixEpoch) });
        var contact = PlainSamples.Contact(7);
        var draft = new LedgerEntryDraft(DateTimeOffset.UnixEpoch, LedgerEventTypes.SubjectImported, new Actor("import", "admin"), null, null, new ImportedEventData(state, contact));

        var sealedEvent = LedgerStreams.Seal(draft, 0, LedgerEvent.GenesisHash, SubjectId, sealer);

        var plain = AuthenticatedCipher.Decrypt(key, Convert.FromBase64String(sealedEvent.SealedData!), Encoding.UTF8.GetBytes(SubjectId));
        Assert.True(CompactPlain.IsCompact(plain));
        Assert.Equal(Encoding.UTF8.GetString(JsonBefore(state, contact)), Encoding.UTF8.GetString(CompactPlain.JsonOf(plain)));
    }

    [Fact]
    public void Text_utf8_cannot_hold_is_left_to_the_json_path_which_seals_what_it_sealed_before()
    {
        var state = new SubjectState { SubjectId = SubjectId };
        state.Identifiers.Add(new StoredIdentifier(IdentifierKind.Email, "h", "lone \ud800 surrogate", null));
        var contact = new ContactData { GivenName = "x" };
        var data = new ImportedEventData(state, contact);
        using var writer = new PlainWriter();

        Assert.False(data.TryWriteCompact(writer));
        Assert.Equal(PlaintextBefore(state, contact), PlaintextOf(JsonSerializer.SerializeToUtf8Bytes<object>(data, LedgerJson.Options)));
    }

    /// <summary>The event data exactly as SubjectImporter.Build made it before it wrote the plaintext itself.</summary>
    private static object DataBefore(SubjectState state, ContactData contact) => new
    {
        identifiers = state.Identifiers.Select(held => new { kind = IdentifierKinds.ToWireName(held.Kind), value = held.DisplayOpened(null) }),
        contact,
        memberships = state.Memberships.Select(membership => new
        {
            registerId = membership.Key,
            externalId = membership.Value.ExternalIdOpened(null),
            categories = membership.Value.Categories.Keys,
            source = membership.Value.SourceOpened(null),
        }),
    };

    private static byte[] JsonBefore(SubjectState state, ContactData contact) => JsonSerializer.SerializeToUtf8Bytes(DataBefore(state, contact), LedgerJson.Options);

    private static byte[] PlaintextBefore(SubjectState state, ContactData contact) => PlaintextOf(JsonBefore(state, contact));

    private static byte[] PlaintextOf(byte[] json)
    {
        using var plain = CompactPlain.FromJson(json);
        return plain.Span.ToArray();
    }

    // Texts around every boundary the form has: vocabulary words, the short-string limit counted on the escaped JSON
    // (191 bytes), characters the JSON writer escapes (quotes, HTML-sensitive, controls, non-ASCII), lone surrogates.
    private static readonly Gen<string> Text = Gen.Frequency(
        (3, Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789 .-_@+,"].Array[0, 40].Select(chars => new string(chars))),
        (2, Gen.Char["abcäöåÄÖ €😀\"\\/<>&'`+\n\t\u0001\u007f\u00a0\u2028"].Array[0, 12].Select(chars => new string(chars))),
        (2, Gen.Int[20, 200].Select(Gen.Char["ab<ä\"€"].Array[0, 4], (length, tail) => new string('x', length) + new string(tail))),
        (2, Gen.Int[25, 200].Select(Gen.Char["ax&+'ö"], (length, c) => new string(c, length))),
        (1, Gen.OneOf(PlainVocabulary.Values.Concat(PlainVocabulary.Names).Select(Gen.Const).ToArray())),
        (1, Gen.Char['\u0000', '\uffff'].Array[0, 6].Select(chars => new string(chars))));

    private static readonly Gen<(SubjectState State, ContactData Contact)> Person =
        Gen.Select(
            Gen.Select(Gen.Enum<IdentifierKind>(), Text).Array[0, 5],
            Gen.Select(Text.Null(0.4), Text.Null(0.4), Text.Null(0.5), Text.Null(0.5), Text.Null(0.4), Text.Null(0.4)),
            Gen.Select(Text, Text.Null(0.3), Text.Null(0.3), Text.Array[0, 4]).Array[0, 3])
        .Select((identifiers, contactFields, memberships) =>
        {
            var state = new SubjectState { SubjectId = SubjectId };
            foreach (var (kind, value) in identifiers)
            {
                state.Identifiers.Add(new StoredIdentifier(kind, "h", value, null));
            }
            foreach (var (registerId, externalId, source, categories) in memberships)
            {
                state.Memberships[registerId] = new Membership(externalId, DateTimeOffset.UnixEpoch, null, source,
                    categories.Distinct().ToDictionary(category => category, _ => new CategoryRecord(DateTimeOffset.UnixEpoch)));
            }
            var (givenName, familyName, email, phone, address, language) = contactFields;
            return (state, new ContactData { GivenName = givenName, FamilyName = familyName, Email = email, Phone = phone, Address = address, Language = language });
        });
}
