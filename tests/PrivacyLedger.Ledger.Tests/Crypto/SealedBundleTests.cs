using System.Security.Cryptography;
using System.Text;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Subjects;
using PrivacyLedger.Ledger.Tests.Subjects;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Tests.Crypto;

/// <summary>
/// A subject state's personal fields sealed together (<see cref="SealedBundle"/>): one ciphertext per write, bound to the
/// person; opened once and only when a field is read; sealed again only when a field changes, comes or goes, and then
/// without what went; unreadable, as every field before it, once the key is gone; and never stored stale or unsealed.
/// </summary>
public sealed class SealedBundleTests
{
    private const string SubjectId = "019af5c2d1e07b3c9a4f6e8d2b1c0d01";
    private readonly CodecGrainStateSerializer _serializer = new([new SubjectStateCodec()]);
    private readonly JsonGrainStateSerializer _json = new();
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void A_write_that_changes_no_personal_field_stores_the_same_bundle_without_opening_it()
    {
        var stored = _serializer.Serialize(Person());
        var state = _serializer.Deserialize<SubjectState>(stored);

        // What a permission check or a request's receipt changes: nothing personal, so nothing to seal and no key needed.
        state.RequestIds.Add("r-1");
        state.AccessRequests.Add(ImportedPeople.ImportedAt);
        Assert.False(state.HasUnsealed());
        var rewritten = _serializer.Serialize(state);

        Assert.NotEqual(stored, rewritten);
        Assert.EndsWith(Convert.ToHexString(state.Bundle!.Ciphertext), Convert.ToHexString(rewritten), StringComparison.Ordinal);
        Assert.EndsWith(Convert.ToHexString(state.Bundle.Ciphertext), Convert.ToHexString(stored), StringComparison.Ordinal);
        // Nothing was opened: no field holds its value at hand.
        Assert.Null(state.Contact!.Opened);
        Assert.All(state.Identifiers, identifier => Assert.Null(identifier.Display.Opened));
    }

    [Fact]
    public void One_opening_of_the_bundle_serves_every_field()
    {
        var state = _serializer.Deserialize<SubjectState>(_serializer.Serialize(Person()));
        using var sealer = new FieldSealer(SubjectId, _key);

        Assert.Equal("Hämäläinen", state.ContactOpened(sealer).FamilyName);

        // Opened once for all: every other field reads without a key now.
        Assert.Equal("person3@example.fi", state.Identifiers[0].DisplayOpened(null));
        Assert.Equal("perh-3", state.Memberships["perhelaakarit-customers"].ExternalIdOpened(null));
        Assert.Equal("form-3", state.Consents["direct-marketing"].EvidenceOpened(null));
        Assert.Equal("accuracy contested", state.Restrictions["perhelaakarit-customers"].ReasonOpened(null));
    }

    [Fact]
    public void A_removed_field_is_sealed_away_and_an_added_one_sealed_in_by_the_next_write()
    {
        var state = _serializer.Deserialize<SubjectState>(_serializer.Serialize(Person()));
        using var sealer = new FieldSealer(SubjectId, _key);
        var before = state.Bundle!.Ciphertext;

        state.Consents.Remove("direct-marketing");
        Assert.True(state.HasUnsealed());
        // Stale, it would hold the withdrawn consent's evidence and shift every later slot: refused unsealed.
        Assert.Throws<InvalidOperationException>(() => _serializer.Serialize(state));
        Assert.Throws<InvalidOperationException>(() => _json.Serialize(state));
        state.SealWith(sealer);
        var withdrawn = _serializer.Serialize(state);

        Assert.NotEqual(before, state.Bundle!.Ciphertext);
        var plain = Encoding.UTF8.GetString(sealer.TryOpenBytes(state.Bundle.Ciphertext, SealedFields.SubjectState)!);
        Assert.DoesNotContain("form-3", plain, StringComparison.Ordinal);
        Assert.Contains("letter-3", plain, StringComparison.Ordinal);

        var reloaded = _serializer.Deserialize<SubjectState>(withdrawn);
        reloaded.Objections["profiling"] = new ObjectionRecord([], "web-form", "added-3", ImportedPeople.ImportedAt);
        Assert.True(reloaded.HasUnsealed());
        using var fresh = new FieldSealer(SubjectId, _key);
        reloaded.SealWith(fresh);
        var again = _serializer.Deserialize<SubjectState>(_serializer.Serialize(reloaded));
        using var third = new FieldSealer(SubjectId, _key);
        Assert.Equal("added-3", again.Objections["profiling"].EvidenceOpened(third));
        Assert.Equal("accuracy contested", again.Restrictions["perhelaakarit-customers"].ReasonOpened(third));
        Assert.Equal("Väinö", again.ContactOpened(third).GivenName);
    }

    [Fact]
    public void With_the_key_destroyed_every_field_reads_as_empty_and_sealing_again_under_a_new_key_keeps_them_empty()
    {
        var stored = _serializer.Serialize(Person());

        var noKey = _serializer.Deserialize<SubjectState>(stored);
        Assert.Equal(new ContactData(), noKey.ContactOpened(null));
        Assert.Null(noKey.Identifiers[0].DisplayOpened(null));
        Assert.Null(noKey.Memberships["perhelaakarit-customers"].SourceOpened(null));

        // A new key made since (a state restored beside a destroyed key): nothing opens, and what is sealed again is empty.
        var otherKey = _serializer.Deserialize<SubjectState>(stored);
        using var other = new FieldSealer(SubjectId, RandomNumberGenerator.GetBytes(32));
        Assert.Null(otherKey.Consents["direct-marketing"].SourceOpened(other));
        otherKey.Consents.Remove("direct-marketing");
        otherKey.SealWith(other);
        var resealed = _serializer.Deserialize<SubjectState>(_serializer.Serialize(otherKey));
        Assert.Null(resealed.Identifiers[0].DisplayOpened(other));
        Assert.Equal(new ContactData(), resealed.ContactOpened(other));
        Assert.Null(resealed.Restrictions["perhelaakarit-customers"].ReasonOpened(other));
    }

    [Fact]
    public void A_bundle_opens_for_its_own_person_only()
    {
        var stored = Person();
        var elsewhere = _serializer.Deserialize<SubjectState>(_serializer.Serialize(ImportedPeople.Person(4, "019af5c2d1e07b3c9a4f6e8d2b1c0d04", _key, withIdentityCode: false)));
        // Another person's bundle, under the same key, put in this person's row.
        elsewhere.AttachBundle(stored.Bundle!.Ciphertext);

        using var sealer = new FieldSealer(elsewhere.SubjectId!, _key);
        Assert.Null(elsewhere.Identifiers[0].DisplayOpened(sealer));
        Assert.Null(sealer.TryOpenBytes(stored.Bundle.Ciphertext, SealedFields.Contact));
    }

    [Fact]
    public void The_json_form_holds_the_bundle_and_marks_its_fields_and_loads_as_stored()
    {
        var state = Person();

        var json = Encoding.UTF8.GetString(_json.Serialize(state));
        var reloaded = _json.Deserialize<SubjectState>(Encoding.UTF8.GetBytes(json));

        Assert.Contains("\"sealedFields\":\"", json, StringComparison.Ordinal);
        Assert.Contains("\"display\":{\"$bundled\":true}", json, StringComparison.Ordinal);
        Assert.All(["Väinö", "person3@example.fi", "perh-3", "form-3", "accuracy contested"], clear => Assert.DoesNotContain(clear, json, StringComparison.Ordinal));
        Assert.False(reloaded.HasUnsealed());
        using var sealer = new FieldSealer(SubjectId, _key);
        Assert.Equal("letter-3", reloaded.Objections["profiling"].EvidenceOpened(sealer));
        Assert.Equal(state.Bundle!.Ciphertext, _serializer.Deserialize<SubjectState>(_serializer.Serialize(reloaded)).Bundle!.Ciphertext);
    }

    [Fact]
    public void An_erased_person_keeps_no_bundle()
    {
        var state = _serializer.Deserialize<SubjectState>(_serializer.Serialize(Person()));

        // As the erasure leaves a person: no identifiers, contact data, memberships or choices; nothing to seal.
        state.Identifiers = [];
        state.Contact = null;
        state.Memberships.Clear();
        state.Consents.Clear();
        state.Objections.Clear();
        state.Restrictions.Clear();
        state.ErasedAt = ImportedPeople.ImportedAt;
        var stored = _serializer.Serialize(state);

        Assert.Null(_serializer.Deserialize<SubjectState>(stored).Bundle);
        Assert.Null(state.Bundle);
    }

    /// <summary>A person as imported, with a consent, an objection and a restriction too, sealed.</summary>
    private SubjectState Person()
    {
        var state = ImportedPeople.Person(3, SubjectId, _key, withIdentityCode: true);
        state.Consents["direct-marketing"] = new ConsentRecord(["email"], "web-form", "form-3", ImportedPeople.ImportedAt);
        state.Objections["profiling"] = new ObjectionRecord([], "letter", "letter-3", ImportedPeople.ImportedAt);
        state.Restrictions["perhelaakarit-customers"] = new RestrictionRecord("accuracy contested", ImportedPeople.ImportedAt);
        using var sealer = new FieldSealer(SubjectId, _key);
        state.SealWith(sealer);
        return state;
    }
}
