using System.Security.Cryptography;
using System.Text;
using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Subjects;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Tests.Crypto;

/// <summary>
/// An import seals a new person's event, identity code and fields with one prepared key (<see cref="FieldSealer"/>):
/// what it writes must open exactly as what the raw data key writes (the subject id alone as the event's and identity
/// code's associated data; subject id and field name for fields), and a sealer of someone else must not be taken.
/// </summary>
public sealed class SharedSealerTests
{
    private const string SubjectId = "0193a5b2c4d87e6f9a1b2c3d4e5f6a7b";
    private static readonly DateTimeOffset At = new(2026, 12, 7, 4, 0, 0, TimeSpan.Zero);
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void An_event_sealed_with_the_shared_sealer_opens_with_the_data_key_and_the_subject_id()
    {
        using var sealer = new FieldSealer(SubjectId, _key);
        var draft = new LedgerEntryDraft(At, LedgerEventTypes.SubjectImported, new Actor("import", "admin"), null, null, new { marker = "m-1" });

        var sealedEvent = LedgerStreams.Seal(draft, 0, LedgerEvent.GenesisHash, SubjectId, sealer);

        var plain = AuthenticatedCipher.Decrypt(_key, Convert.FromBase64String(sealedEvent.SealedData!), Encoding.UTF8.GetBytes(SubjectId));
        Assert.Contains("m-1", Encoding.UTF8.GetString(plain), StringComparison.Ordinal);
    }

    [Fact]
    public void An_identity_code_is_sealed_in_the_state_bundle_which_opens_with_the_data_key_the_subject_id_and_its_field()
    {
        using var sealer = new FieldSealer(SubjectId, _key);
        var state = new SubjectState { SubjectId = SubjectId, CreatedAt = At };
        state.Identifiers.Add(EnrolmentRules.Protect(new SubjectIdentifier(IdentifierKind.Hetu, "131052-308T"), "hash"));

        state.SealWith(sealer);

        Assert.Null(state.Identifiers[0].Sealed);
        var associatedData = Encoding.UTF8.GetBytes($"{SubjectId}\u001f{SealedFields.SubjectState}");
        Assert.Contains("131052-308T", Encoding.UTF8.GetString(AuthenticatedCipher.Decrypt(_key, state.Bundle!.Ciphertext, associatedData)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_identity_code_an_earlier_version_sealed_alone_opens_and_moves_into_the_bundle()
    {
        using var sealer = new FieldSealer(SubjectId, _key);
        var alone = Convert.ToBase64String(sealer.SealForSubject(Encoding.UTF8.GetBytes("131052-308T")));
        var state = new SubjectState { SubjectId = SubjectId, CreatedAt = At };
        state.Identifiers.Add(new StoredIdentifier(IdentifierKind.Hetu, "hash", "******-***T", alone));
        Assert.Equal("131052-308T", state.Identifiers[0].CodeOpened(sealer));
        Assert.True(state.HasUnsealed());

        state.SealWith(sealer);

        Assert.False(state.HasUnsealed());
        Assert.Null(state.Identifiers[0].Sealed);
        Assert.True(state.Identifiers[0].IsIdentityCode);
        var serializer = new CodecGrainStateSerializer([new SubjectStateCodec()]);
        var reloaded = serializer.Deserialize<SubjectState>(serializer.Serialize(state));
        using var fresh = new FieldSealer(SubjectId, _key);
        Assert.Equal("131052-308T", reloaded.Identifiers[0].CodeOpened(fresh));
        Assert.Equal("******-***T", reloaded.Identifiers[0].DisplayOpened(fresh));
    }

    [Fact]
    public void A_field_sealed_opens_under_its_own_field_name_only()
    {
        using var sealer = new FieldSealer(SubjectId, _key);
        var ciphertext = sealer.Seal("Aino", SealedFields.MembershipSource);

        using var fresh = new FieldSealer(SubjectId, _key);
        Assert.Equal("Aino", fresh.TryOpen<string>(ciphertext, SealedFields.MembershipSource));
        Assert.Null(fresh.TryOpen<string>(ciphertext, SealedFields.MembershipExternalId));
        var longField = new string('f', 300);
        Assert.Equal("Aino", fresh.TryOpen<string>(sealer.Seal("Aino", longField), longField));
    }

    [Fact]
    public void A_sealer_given_a_supply_takes_each_nonce_from_it_once_and_seals_as_one_without()
    {
        using var supply = new RandomSupply();
        // The first draw fills the buffer: what follows it is what the seals' nonces must be, in order.
        supply.Fill(new byte[1]);
        var ahead = RandomSupplyTests.Buffer(supply)[1..].ToArray();
        using var sealer = new FieldSealer(SubjectId, _key, supply);

        var field = sealer.Seal("Aino", SealedFields.MembershipSource);
        var bytes = sealer.SealBytes("bundle"u8, SealedFields.SubjectState);
        var forSubject = sealer.SealForSubject("event"u8);

        Assert.Equal(ahead[..12], field[..12]);
        Assert.Equal(ahead[12..24], bytes[..12]);
        Assert.Equal(ahead[24..36], forSubject[..12]);
        using var fresh = new FieldSealer(SubjectId, _key);
        Assert.Equal("Aino", fresh.TryOpen<string>(field, SealedFields.MembershipSource));
        Assert.Equal("bundle"u8.ToArray(), fresh.TryOpenBytes(bytes, SealedFields.SubjectState));
        Assert.Equal("event", fresh.TryOpenForSubject(Convert.ToBase64String(forSubject)));
    }

    [Fact]
    public void Another_subjects_sealer_is_refused()
    {
        using var sealer = new FieldSealer("someone-else", _key);
        var draft = new LedgerEntryDraft(At, LedgerEventTypes.SubjectImported, new Actor("import", "admin"), null, null, new { marker = "m-2" });

        Assert.Throws<ArgumentException>(() => LedgerStreams.Seal(draft, 0, LedgerEvent.GenesisHash, SubjectId, sealer));
    }
}
