using System.Security.Cryptography;
using System.Text;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Requests;
using PrivacyLedger.Ledger.Subjects;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Tests.Crypto;

/// <summary>
/// Grain state at rest holds personal fields only sealed (<see cref="Sealed{T}"/>), bound to the person and the field;
/// a row an earlier version wrote in clear still loads, and is sealed on its next write.
/// </summary>
public sealed class SealedStateTests
{
    // As the gateway's state serializer stores grain state.
    private readonly JsonGrainStateSerializer _serializer = new();
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly FieldSealer _sealer;

    public SealedStateTests() => _sealer = new FieldSealer("subject-a", _key);

    // A subject row as the version before sealing wrote it: personal fields in clear.
    private const string LegacySubjectRow = """
        {"subjectId":"subject-a","createdAt":"2025-01-01T00:00:00+00:00",
         "identifiers":[{"kind":0,"hash":"h1","display":"maija@example.fi","sealed":null}],
         "contact":{"givenName":"Maija","familyName":"Meikäläinen","email":"maija@example.fi","phone":null,"address":"Katu 1","language":"fi"},
         "memberships":{"shop":{"externalId":"CRM-7","since":"2025-01-01T00:00:00+00:00","lastActivityAt":null,"source":"crm","categories":{"basic":{"collectedAt":"2025-01-01T00:00:00+00:00"}}}},
         "consents":{"newsletter":{"channels":["email"],"source":"web-form","evidence":"form-42","grantedAt":"2025-01-01T00:00:00+00:00"}},
         "objections":{"profiling":{"channels":[],"source":"letter","evidence":"letter-9","at":"2025-01-01T00:00:00+00:00"}},
         "restrictions":{"shop":{"reason":"accuracy contested","at":"2025-01-01T00:00:00+00:00"}},
         "requestIds":[],"accessRequests":[],"erasedAt":null,"nothingToErase":[],"receiptsRecorded":[],"erasedIdentifierHashes":[],
         "ledgerSeq":3,"ledgerHead":"abc"}
        """;

    private static readonly string[] LegacySubjectValues =
        ["maija@example.fi", "Maija", "Meikäläinen", "Katu 1", "CRM-7", "\"crm\"", "web-form", "form-42", "\"letter\"", "letter-9", "accuracy contested"];

    [Fact]
    public void An_earlier_versions_clear_subject_row_loads_and_is_stored_sealed_on_its_next_write()
    {
        var state = _serializer.Deserialize<SubjectState>(Encoding.UTF8.GetBytes(LegacySubjectRow));

        Assert.Equal("Maija", state.ContactOpened(null).GivenName);
        Assert.Equal("CRM-7", state.Memberships["shop"].ExternalIdOpened(null));
        Assert.True(state.HasUnsealed());
        // Never stored as it was: a write that forgot to seal fails rather than storing clear values.
        Assert.Throws<InvalidOperationException>(() => _serializer.Serialize(state));

        state.SealWith(_sealer);
        var stored = Encoding.UTF8.GetString(_serializer.Serialize(state));

        Assert.False(state.HasUnsealed());
        Assert.All(LegacySubjectValues, value => Assert.DoesNotContain(value, stored, StringComparison.Ordinal));
        Assert.Contains("\"subjectId\":\"subject-a\"", stored, StringComparison.Ordinal);
        var reloaded = _serializer.Deserialize<SubjectState>(Encoding.UTF8.GetBytes(stored));
        Assert.False(reloaded.HasUnsealed());
        Assert.Equal("Meikäläinen", reloaded.ContactOpened(_sealer).FamilyName);
        Assert.Equal("maija@example.fi", reloaded.Identifiers[0].DisplayOpened(_sealer));
        Assert.Equal("CRM-7", reloaded.Memberships["shop"].ExternalIdOpened(_sealer));
        Assert.Equal("form-42", reloaded.Consents["newsletter"].EvidenceOpened(_sealer));
        Assert.Equal("letter-9", reloaded.Objections["profiling"].EvidenceOpened(_sealer));
        Assert.Equal("accuracy contested", reloaded.Restrictions["shop"].ReasonOpened(_sealer));
        // What the rules need stays in clear.
        Assert.Equal(["email"], reloaded.Consents["newsletter"].Channels);
        Assert.Equal("h1", reloaded.Identifiers[0].Hash);
    }

    [Fact]
    public void A_sealed_field_opens_only_for_its_person_its_field_and_a_live_key()
    {
        Sealed<string> evidence = "form-42";
        evidence.SealWith(_sealer, SealedFields.ConsentEvidence);
        var ciphertext = evidence.Ciphertext!;

        Assert.Equal("form-42", Sealed<string>.FromCiphertext(ciphertext).OpenWith(_sealer, SealedFields.ConsentEvidence));
        // Moved to another field of the same person, or to another person with the same key: does not open.
        Assert.Null(Sealed<string>.FromCiphertext(ciphertext).OpenWith(_sealer, SealedFields.ObjectionEvidence));
        Assert.Null(Sealed<string>.FromCiphertext(ciphertext).OpenWith(new FieldSealer("subject-b", _key), SealedFields.ConsentEvidence));
        // The key destroyed (no key, or another): unreadable, never an exception.
        Assert.Null(Sealed<string>.FromCiphertext(ciphertext).OpenWith(null, SealedFields.ConsentEvidence));
        Assert.Null(Sealed<string>.FromCiphertext(ciphertext).OpenWith(new FieldSealer("subject-a", RandomNumberGenerator.GetBytes(32)), SealedFields.ConsentEvidence));
    }

    [Fact]
    public void An_earlier_versions_clear_request_row_loads_and_is_stored_sealed_and_a_shredded_one_stays_unreadable()
    {
        const string legacy = """
            {"requestId":"r1","type":3,"subjectId":"subject-a","status":2,"channel":0,
             "receivedAt":"2025-01-01T00:00:00+00:00","dueAt":"2025-02-01T00:00:00+00:00","originalDueAt":"2025-02-01T00:00:00+00:00",
             "registers":null,"details":{"contact":{"givenName":"Maija"},"reason":"please erase me"},
             "verification":{"method":1,"verifiedBy":"officer-anna","at":"2025-01-02T00:00:00+00:00"},
             "extension":{"months":1,"reason":"many systems","at":"2025-01-02T00:00:00+00:00"},
             "refusal":null,"fee":{"applies":false,"reason":null},
             "tasks":[{"registerId":"shop","action":"erase","status":0,"confirmation":{"confirmedBy":"crm-batch","at":"2025-01-03T00:00:00+00:00","evidence":"deleted 3 rows"}}],
             "notifications":[],"flags":[],"erasureFinished":false}
            """;
        var state = _serializer.Deserialize<RequestState>(Encoding.UTF8.GetBytes(legacy));
        Assert.Equal("officer-anna", state.Verification!.ToView().VerifiedBy);
        Assert.Equal("deleted 3 rows", state.Tasks[0].ToView().Confirmation!.Evidence);
        Assert.True(state.HasUnsealed());

        state.SealWith(_sealer);
        var stored = Encoding.UTF8.GetString(_serializer.Serialize(state));
        Assert.All(["Maija", "please erase me", "officer-anna", "many systems", "crm-batch", "deleted 3 rows"],
            value => Assert.DoesNotContain(value, stored, StringComparison.Ordinal));
        var reloaded = _serializer.Deserialize<RequestState>(Encoding.UTF8.GetBytes(stored));
        Assert.True(reloaded.HasUnopened());
        reloaded.OpenWith(_sealer);
        Assert.Equal("please erase me", reloaded.Details!.Opened!.Reason);
        Assert.Equal("crm-batch", reloaded.Tasks[0].ToView().Confirmation!.ConfirmedBy);

        // The person's key is gone before this clear row was written again: its values go, the record around them stays.
        var orphan = _serializer.Deserialize<RequestState>(Encoding.UTF8.GetBytes(legacy));
        orphan.ShredUnsealed();
        var shredded = Encoding.UTF8.GetString(_serializer.Serialize(orphan));
        Assert.All(["Maija", "please erase me", "officer-anna", "many systems", "crm-batch", "deleted 3 rows"],
            value => Assert.DoesNotContain(value, shredded, StringComparison.Ordinal));
        var view = _serializer.Deserialize<RequestState>(Encoding.UTF8.GetBytes(shredded));
        view.OpenWith(_sealer);
        Assert.Equal(SealedText.Unreadable, view.Verification!.ToView().VerifiedBy);
        Assert.Equal(VerificationMethod.StrongElectronicIdentification, view.Verification.Method);
        Assert.Null(view.Details);
    }
}
