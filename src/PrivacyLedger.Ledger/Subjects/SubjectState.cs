using System.Text.Json.Serialization;
using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>
/// What the ledger holds of one person: the subject grain's persistent state. Every personal field is a
/// <see cref="Sealed{T}"/>, stored only as ciphertext under the person's data key (<see cref="SealWith"/> before each write);
/// in clear only what rules and routing need: ids, keyed hashes, memberships, purposes, channels, flags and dates.
/// </summary>
public sealed class SubjectState
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

    /// <summary>Whether a personal field holds a value not sealed yet (set in this activation, or read in clear from an earlier version's row).</summary>
    public bool HasUnsealed() =>
        Contact is { IsSealed: false }
        || Identifiers.Exists(identifier => !identifier.Display.IsSealed)
        || Memberships.Values.Any(membership => membership.ExternalId is { IsSealed: false } || membership.Source is { IsSealed: false })
        || Consents.Values.Any(consent => !consent.Source.IsSealed || consent.Evidence is { IsSealed: false })
        || Objections.Values.Any(objection => !objection.Source.IsSealed || objection.Evidence is { IsSealed: false })
        || Restrictions.Values.Any(restriction => !restriction.Reason.IsSealed);

    /// <summary>Seals every personal field not sealed yet; those already sealed are left as they are.</summary>
    public void SealWith(FieldSealer sealer)
    {
        Contact?.SealWith(sealer, SealedFields.Contact);
        foreach (var identifier in Identifiers)
        {
            identifier.Display.SealWith(sealer, SealedFields.IdentifierDisplay);
        }
        foreach (var membership in Memberships.Values)
        {
            membership.ExternalId?.SealWith(sealer, SealedFields.MembershipExternalId);
            membership.Source?.SealWith(sealer, SealedFields.MembershipSource);
        }
        foreach (var consent in Consents.Values)
        {
            consent.Source.SealWith(sealer, SealedFields.ConsentSource);
            consent.Evidence?.SealWith(sealer, SealedFields.ConsentEvidence);
        }
        foreach (var objection in Objections.Values)
        {
            objection.Source.SealWith(sealer, SealedFields.ObjectionSource);
            objection.Evidence?.SealWith(sealer, SealedFields.ObjectionEvidence);
        }
        foreach (var restriction in Restrictions.Values)
        {
            restriction.Reason.SealWith(sealer, SealedFields.RestrictionReason);
        }
    }

    /// <summary>The contact data in clear: empty when there is none or it cannot be read (the key is gone).</summary>
    public ContactData ContactOpened(FieldSealer? sealer) => Contact?.OpenWith(sealer, SealedFields.Contact) ?? new ContactData();
}
