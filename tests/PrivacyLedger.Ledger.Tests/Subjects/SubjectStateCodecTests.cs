using System.Text;
using CsCheck;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Subjects;
using PrivacyLedger.Storage;
using Xunit.Abstractions;

namespace PrivacyLedger.Ledger.Tests.Subjects;

/// <summary>
/// The subject state's compact stored form (<see cref="SubjectStateCodec"/>) through the serializer the silo uses: every
/// state round-trips exactly, rows stored as JSON or in format 1 before it still load and are stored in format 2 once
/// sealed, nothing unsealed is written, and a typical imported person takes a fraction of the bytes.
/// </summary>
public sealed class SubjectStateCodecTests(ITestOutputHelper output)
{
    private readonly CodecGrainStateSerializer _serializer = new([new SubjectStateCodec()]);
    private readonly JsonGrainStateSerializer _json = new();

    // The key the rows under StoredRows/ were sealed with, by the JSON-only serializer of main at 9678d5f.
    private static readonly byte[] StoredRowsKey = Convert.FromHexString("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

    [Fact]
    public void Generated_states_round_trip_exactly()
    {
        SubjectStateGen.State.Sample(state =>
        {
            var stored = _serializer.Serialize(state);
            var reloaded = _serializer.Deserialize<SubjectState>(stored);
            // JSON holds every field exactly (ticks, offsets, ciphertexts, nulls): equal JSON, equal states.
            Assert.Equal(Json(state), Json(reloaded));
            Assert.Equal(stored, _serializer.Serialize(reloaded));
        }, iter: 3_000);
    }

    [Fact]
    public void Generated_states_are_stored_compact_unless_a_record_is_missing()
    {
        SubjectStateGen.State.Sample(state => Assert.Equal(SubjectStateCodec.Version2, _serializer.Serialize(state)[0]), iter: 500);
    }

    [Fact]
    public void A_state_the_compact_form_cannot_hold_is_stored_as_json_and_loads_as_it_was()
    {
        var state = ImportedPeople.Person(1, "019af5c2d1e07b3c9a4f6e8d2b1c0b01", SubjectStateGen.NewKey(), withIdentityCode: false);
        state.Identifiers.Add(null!);
        state.LedgerHead = "ABC";

        var stored = _serializer.Serialize(state);

        Assert.Equal((byte)'{', stored[0]);
        Assert.Equal(Json(state), Json(_serializer.Deserialize<SubjectState>(stored)));
    }

    [Fact]
    public void Hashes_ids_and_the_bundle_are_held_as_raw_bytes_and_texts_that_only_look_like_them_as_they_are()
    {
        var state = ImportedPeople.Person(2, "019af5c2d1e07b3c9a4f6e8d2b1c0b02", SubjectStateGen.NewKey(), withIdentityCode: true);
        var hash = state.Identifiers[0].Hash;
        state.RequestIds.AddRange(["ABCDEF", "abc", "0a", "QUJD", "QUJD\n", "QUI=", "QUJ=", ""]);
        state.ErasedIdentifierHashes.Add(hash);

        var stored = _serializer.Serialize(state);
        var reloaded = _serializer.Deserialize<SubjectState>(stored);

        Assert.Equal(Json(state), Json(reloaded));
        Assert.DoesNotContain(hash, Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
        Assert.Contains(Convert.FromHexString(hash), Windows(stored, IdentifierIndex.HashBytes));
        Assert.Equal(state.Bundle!.Ciphertext, stored[^state.Bundle.Ciphertext.Length..]);
        // The identity code is in the bundle only, with every other personal field (R10).
        Assert.DoesNotContain("131052-308T", Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
        Assert.True(reloaded.Identifiers[3].IsIdentityCode);
    }

    [Fact]
    public void An_unsealed_personal_field_is_refused_as_in_json()
    {
        var state = ImportedPeople.Person(3, "019af5c2d1e07b3c9a4f6e8d2b1c0b03", SubjectStateGen.NewKey(), withIdentityCode: false);
        state.Contact = new ContactData { GivenName = "Unsealed" };
        var consentState = ImportedPeople.Person(4, "019af5c2d1e07b3c9a4f6e8d2b1c0b04", SubjectStateGen.NewKey(), withIdentityCode: false);
        consentState.Consents["direct-marketing"] = new ConsentRecord(["email"], "web-form", null, ImportedPeople.ImportedAt);

        Assert.Throws<InvalidOperationException>(() => _serializer.Serialize(state));
        Assert.Throws<InvalidOperationException>(() => _serializer.Serialize(consentState));
        Assert.Throws<InvalidOperationException>(() => new SubjectStateCodec().TryEncode(state));
    }

    [Theory]
    [InlineData("subject-imported.json")]
    [InlineData("subject-sealed.json")]
    public void A_sealed_row_stored_as_json_loads_and_is_stored_compact_with_its_fields_sealed_together_on_its_next_write(string file)
    {
        var row = File.ReadAllBytes(Path.Combine("Subjects", "StoredRows", file));

        var (before, stored, reloaded) = SealedTogetherOnItsNextWrite(row);

        Assert.False(reloaded.HasUnsealed());
        using var fresh = new FieldSealer(reloaded.SubjectId!, StoredRowsKey);
        Assert.Equal(before, Opened(reloaded, fresh));
        Assert.Equal("Hämäläinen", reloaded.ContactOpened(fresh).FamilyName);
        Assert.StartsWith("person", reloaded.Identifiers[0].DisplayOpened(fresh));
        Assert.StartsWith("perh-", reloaded.Memberships["perhelaakarit-customers"].ExternalIdOpened(fresh));
        output.WriteLine($"{file}: {row.Length} B as JSON, {stored.Length} B compact");
    }

    [Fact]
    public void A_format_1_row_with_each_field_sealed_alone_loads_opens_and_is_stored_in_format_2_on_its_next_write()
    {
        // subject-compact-v1.bin: written by SubjectStateCodec format 1 at 5054a68 (ImportedPeople.Person(42, identity
        // code) with a consent, an objection and a restriction), under StoredRowsKey.
        var row = File.ReadAllBytes(Path.Combine("Subjects", "StoredRows", "subject-compact-v1.bin"));
        Assert.Equal(SubjectStateCodec.Version1, row[0]);

        var (before, stored, reloaded) = SealedTogetherOnItsNextWrite(row);

        using var fresh = new FieldSealer(reloaded.SubjectId!, StoredRowsKey);
        Assert.Equal(before, Opened(reloaded, fresh));
        Assert.Contains("Väinö", before);
        Assert.Contains("131052-308T", before);
        Assert.Contains("perh-42", before);
        Assert.Contains("form-42", before);
        Assert.Contains("letter-9", before);
        Assert.Contains("accuracy contested", before);
        Assert.Equal(["email", "sms"], reloaded.Consents["direct-marketing"].Channels);
        Assert.All(before.Where(value => value.Length > 3), clear => Assert.DoesNotContain(clear, Encoding.UTF8.GetString(stored), StringComparison.Ordinal));
        // Eleven fields sealed alone (the identity code too), 28 bytes of nonce and tag each, are now one ciphertext.
        output.WriteLine($"format 1: {row.Length} B, format 2: {stored.Length} B");
        Assert.InRange(stored.Length, 1, row.Length - 10 * 28);
    }

    /// <summary>
    /// A row of an earlier form, loaded, its fields opened, refused unsealed (its fields are not in a bundle yet), then
    /// sealed together and stored as the next write stores it, and loaded again.
    /// </summary>
    private (List<string> Before, byte[] Stored, SubjectState Reloaded) SealedTogetherOnItsNextWrite(byte[] row)
    {
        var state = _serializer.Deserialize<SubjectState>(row);
        using var sealer = new FieldSealer(state.SubjectId!, StoredRowsKey);
        var before = Opened(state, sealer);
        Assert.True(state.HasUnsealed());
        Assert.Throws<InvalidOperationException>(() => _serializer.Serialize(state));

        state.SealWith(sealer);
        var stored = _serializer.Serialize(state);

        Assert.Equal(SubjectStateCodec.Version2, stored[0]);
        return (before, stored, _serializer.Deserialize<SubjectState>(stored));
    }

    /// <summary>Every personal field's value in clear, in one order, for comparing states before and after a rewrite.</summary>
    private static List<string> Opened(SubjectState state, FieldSealer sealer)
    {
        var contact = state.ContactOpened(sealer);
        List<string?> values = [contact.GivenName, contact.FamilyName, contact.Email, contact.Phone, contact.Address, contact.Language];
        values.AddRange(state.Identifiers.SelectMany(identifier => new[] { identifier.DisplayOpened(sealer), identifier.CodeOpened(sealer) }));
        values.AddRange(state.Memberships.Values.SelectMany(membership => new[] { membership.ExternalIdOpened(sealer), membership.SourceOpened(sealer) }));
        values.AddRange(state.Consents.Values.SelectMany(consent => new[] { consent.SourceOpened(sealer), consent.EvidenceOpened(sealer) }));
        values.AddRange(state.Objections.Values.SelectMany(objection => new[] { objection.SourceOpened(sealer), objection.EvidenceOpened(sealer) }));
        values.AddRange(state.Restrictions.Values.Select(restriction => restriction.ReasonOpened(sealer)));
        return [.. values.Select(value => value ?? "(none)")];
    }

    [Fact]
    public void A_clear_row_of_an_earlier_version_loads_is_refused_unsealed_and_is_stored_compact_once_sealed()
    {
        var row = File.ReadAllBytes(Path.Combine("Subjects", "StoredRows", "subject-clear.json"));
        var state = _serializer.Deserialize<SubjectState>(row);
        Assert.True(state.HasUnsealed());
        Assert.Equal("Väinö", state.ContactOpened(null).GivenName);
        Assert.Throws<InvalidOperationException>(() => _serializer.Serialize(state));

        using var sealer = new FieldSealer(state.SubjectId!, StoredRowsKey);
        state.SealWith(sealer);
        var stored = _serializer.Serialize(state);
        var reloaded = _serializer.Deserialize<SubjectState>(stored);

        Assert.Equal(SubjectStateCodec.Version2, stored[0]);
        Assert.All(["Väinö", "Hämäläinen", "person42@example.fi", "perh-42", "benchmark-export", "form-42", "accuracy contested"],
            clear => Assert.DoesNotContain(clear, Encoding.UTF8.GetString(stored), StringComparison.Ordinal));
        Assert.Equal("Hämäläinen", reloaded.ContactOpened(sealer).FamilyName);
        Assert.Equal("+358400000042", reloaded.Identifiers[1].DisplayOpened(sealer));
        Assert.Equal("accuracy contested", reloaded.Restrictions["perhelaakarit-customers"].ReasonOpened(sealer));
        // An erasure an earlier version left unfinished still has its identifier hashes to release.
        Assert.Equal([reloaded.Identifiers[0].Hash], reloaded.ErasedIdentifierHashes.Select(IdentifierIndex.Shorten));
        Assert.Equal(TimeSpan.FromHours(2), reloaded.Objections["profiling"].At.Offset);
    }

    [Fact]
    public void A_typical_imported_person_is_stored_in_at_most_350_bytes_with_one_ciphertext_for_all_their_fields()
    {
        var key = SubjectStateGen.NewKey();
        var plain = ImportedPeople.Person(7, "019af5c2d1e07b3c9a4f6e8d2b1c0b07", key, withIdentityCode: false);
        var withCode = ImportedPeople.Person(9, "019af5c2d1e07b3c9a4f6e8d2b1c0b09", key, withIdentityCode: true);

        var (plainJson, plainCompact) = (_json.Serialize(plain).Length, _serializer.Serialize(plain).Length);
        var (codeJson, codeCompact) = (_json.Serialize(withCode).Length, _serializer.Serialize(withCode).Length);
        output.WriteLine($"imported person: {plainJson} B as JSON, {plainCompact} B compact (bundle {plain.Bundle!.Ciphertext.Length} B); " +
            $"with an identity code: {codeJson} B, {codeCompact} B");

        // Format 1 took 471 and 570 bytes (5054a68): six or seven ciphertexts of 28 bytes' nonce and tag each, and a
        // length each, and the identity code its own too; now one.
        Assert.InRange(plainCompact, 1, 350);
        Assert.InRange(codeCompact, 1, 380);
        Assert.InRange(plainJson, 800, int.MaxValue);
    }

    [Fact]
    public void A_truncated_or_extended_compact_row_fails_to_load_rather_than_loading_half()
    {
        var stored = _serializer.Serialize(ImportedPeople.Person(5, "019af5c2d1e07b3c9a4f6e8d2b1c0b05", SubjectStateGen.NewKey(), withIdentityCode: true));

        Assert.Throws<InvalidDataException>(() => _serializer.Deserialize<SubjectState>(stored.AsSpan(0, stored.Length - 1)));
        Assert.Throws<InvalidDataException>(() => _serializer.Deserialize<SubjectState>([.. stored, 0]));
    }

    [Fact]
    public void Other_state_types_stay_json()
    {
        var stored = _serializer.Serialize(new Dictionary<string, int> { ["a"] = 1 });

        Assert.Equal("""{"a":1}""", Encoding.UTF8.GetString(stored));
    }

    private string Json(SubjectState state) => Encoding.UTF8.GetString(_json.Serialize(state));

    private static IEnumerable<byte[]> Windows(byte[] bytes, int width)
    {
        for (var i = 0; i + width <= bytes.Length; i++)
        {
            yield return bytes[i..(i + width)];
        }
    }

    [Fact]
    public void Identifier_hashes_an_earlier_version_stored_whole_load_at_todays_length()
    {
        var row = File.ReadAllBytes(Path.Combine("Subjects", "StoredRows", "subject-sealed.json"));
        var whole = System.Text.RegularExpressions.Regex.Matches(Encoding.UTF8.GetString(row), "\"hash\":\"([0-9a-f]{64})\"").Select(match => match.Groups[1].Value).ToList();

        var state = _serializer.Deserialize<SubjectState>(row);
        using var sealer = new FieldSealer(state.SubjectId!, StoredRowsKey);
        state.SealWith(sealer);
        var reloaded = _serializer.Deserialize<SubjectState>(_serializer.Serialize(state));

        Assert.Equal(4, whole.Count);
        Assert.Equal(whole.Select(hash => hash[..(2 * IdentifierIndex.HashBytes)]), state.Identifiers.Select(identifier => identifier.Hash));
        Assert.Equal(state.Identifiers.Select(identifier => identifier.Hash), reloaded.Identifiers.Select(identifier => identifier.Hash));
    }
}
