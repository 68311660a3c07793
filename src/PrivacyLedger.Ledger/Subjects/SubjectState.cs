using System.Text.Json.Serialization;
using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>
/// What the ledger holds of one person: the subject grain's persistent state. Every personal field is a
/// <see cref="Sealed{T}"/>, stored only as ciphertext under the person's data key, all of them together in one
/// <see cref="SealedBundle"/> (<see cref="SealWith"/> before each write);
/// in clear only what rules and routing need: ids, keyed hashes, memberships, purposes, channels, flags and dates.
/// </summary>
public sealed partial class SubjectState : IJsonOnDeserialized, IJsonOnSerializing
{
    public string? SubjectId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<StoredIdentifier> Identifiers { get; set; } = [];
    /// <summary>Null: no contact data (never given, or erased).</summary>
    public Sealed<ContactData>? Contact { get; set; }
    public Dictionary<string, Membership> Memberships { get; set; } = [];
    public Dictionary<string, ConsentRecord> Consents { get; set; } = [];
    public Dictionary<string, ObjectionRecord> Objections { get; set; } = [];
    public Dictionary<string, RestrictionRecord> Restrictions { get; set; } = [];
    public List<string> RequestIds { get; set; } = [];
    /// <summary>When access requests were received, for the once-a-year free access rule (R1).</summary>
    public List<DateTimeOffset> AccessRequests { get; set; } = [];
    public DateTimeOffset? ErasedAt { get; set; }
    /// <summary>Erasure requests that found nothing of the person to erase, each recorded in the ledger once.</summary>
    public List<string> NothingToErase { get; set; } = [];
    /// <summary>The receipts recorded in the ledger, as <c>requestId/status</c>: each once, even when a crash repeats the call.</summary>
    public List<string> ReceiptsRecorded { get; set; } = [];
    /// <summary>
    /// Written only by earlier versions: identifier hashes an erasure still had to release. An erasure now
    /// releases them in its own commit; a leftover list is finished by the next erasure call.
    /// </summary>
    public List<string> ErasedIdentifierHashes { get; set; } = [];
    public long LedgerSeq { get; set; }
    public string LedgerHead { get; set; } = LedgerEvent.GenesisHash;

    // Derived, so not stored: every subject's state row is written often and read on every activation.
    [JsonIgnore]
    public bool Exists => SubjectId is not null;

    /// <summary>Chains a change onto this subject's ledger head and returns the stream append that stores it.</summary>
    public StreamAppend Chain(LedgerEntryDraft draft, byte[]? dataKey)
    {
        using var sealer = draft.Data is null || dataKey is null || SubjectId is null ? null : new FieldSealer(SubjectId, dataKey);
        return Chain(draft, sealer);
    }

    /// <inheritdoc cref="Chain(LedgerEntryDraft, byte[])"/>
    public StreamAppend Chain(LedgerEntryDraft draft, FieldSealer? sealer)
    {
        var subjectId = SubjectId ?? throw new InvalidOperationException("A subject without an id has no ledger.");
        var ledgerEvent = LedgerStreams.Seal(draft, LedgerSeq, LedgerHead, subjectId, sealer);
        LedgerSeq = ledgerEvent.Seq;
        LedgerHead = ledgerEvent.Hash;
        return new StreamAppend(LedgerStreams.For(subjectId), ledgerEvent.Seq, LedgerStreams.Encode(ledgerEvent));
    }

    [JsonIgnore]
    public bool Erased => ErasedAt is not null;

    /// <summary>
    /// Every personal field's value, sealed as one ciphertext (<see cref="SealWith"/>); null when the state holds none.
    /// Each field holds its slot in it, given by the state's structure (<see cref="WalkTexts"/>).
    /// </summary>
    [JsonPropertyName("sealedFields")]
    public SealedBundle? Bundle { get; set; }

    /// <summary>
    /// Whether a personal field is not in the state's bundle as stored: a value set in this activation, a field removed
    /// or added, or a field an earlier version stored in clear or sealed on its own. Then the next write seals again.
    /// </summary>
    public bool HasUnsealed() => !SealedTogether();

    /// <summary>
    /// Seals every personal field into one new bundle, unless they are all in the current one. Values at hand are taken
    /// as they are; the others are opened (the bundle once, an earlier version's own ciphertexts one by one); one that
    /// cannot be opened (its key is gone) is kept as empty, as it already read.
    /// </summary>
    public void SealWith(FieldSealer sealer)
    {
        if (SealedTogether())
        {
            return;
        }
        SealIdentityCodesTogether(sealer);
        var texts = CountTexts();
        if (texts == 0 && Contact is null)
        {
            Bundle = null;
            return;
        }
        var opener = new Opener(sealer, new string?[texts]);
        WalkTexts(ref opener);
        var bundle = SealedBundle.Seal(sealer, Contact is not null, Contact?.OpenWith(sealer, SealedFields.Contact), opener.Values);
        Bundle = bundle;
        var binder = new Binder(bundle, onlyBundled: false);
        WalkTexts(ref binder);
        Contact?.BindTo(bundle, 0);
    }

    /// <summary>
    /// Attaches the bundle read from storage to the fields read as held in it (<see cref="Sealed{T}.InBundle"/>), each at
    /// the slot its place in the state gives; fields read otherwise (an earlier version's) keep their place and form.
    /// </summary>
    public void AttachBundle(byte[]? ciphertext)
    {
        if (ciphertext is null)
        {
            Bundle = null;
            return;
        }
        var bundle = SealedBundle.FromCiphertext(ciphertext, CountTexts(), Contact is not null);
        Bundle = bundle;
        var binder = new Binder(bundle, onlyBundled: true);
        WalkTexts(ref binder);
        if (Contact is { IsBundled: true } contact)
        {
            contact.BindTo(bundle, 0);
        }
    }

    void IJsonOnDeserialized.OnDeserialized() => AttachBundle(Bundle?.Ciphertext);

    // As the compact form does: a field not in the bundle as it is would be stored unsealed, or its value lost.
    void IJsonOnSerializing.OnSerializing() => EnsureSealedTogether();

    /// <exception cref="InvalidOperationException">A personal field is not in the state's bundle: seal the state first.</exception>
    internal void EnsureSealedTogether()
    {
        if (Bundle is not null && Contact is null && CountTexts() == 0)
        {
            // Nothing personal left (an erased person): the last bundle is not kept.
            Bundle = null;
        }
        if (!SealedTogether())
        {
            throw new InvalidOperationException("A personal field was about to be stored unsealed (not in the state's sealed bundle); seal the state before writing it.");
        }
    }

    // An identity code sealed alone by an earlier version becomes a field of the bundle: opened (empty if the key is gone).
    private void SealIdentityCodesTogether(FieldSealer sealer)
    {
        for (var i = 0; i < (Identifiers?.Count ?? 0); i++)
        {
            if (Identifiers![i] is { Sealed: { } alone } identifier)
            {
                Identifiers[i] = identifier with { Sealed = null, Code = (Sealed<string>?)sealer.TryOpenForSubject(alone) ?? Sealed<string>.InBundle() };
            }
        }
    }

    /// <summary>The contact data in clear: empty when there is none or it cannot be read (the key is gone).</summary>
    public ContactData ContactOpened(FieldSealer? sealer) => Contact?.OpenWith(sealer, SealedFields.Contact) ?? new ContactData();
}
