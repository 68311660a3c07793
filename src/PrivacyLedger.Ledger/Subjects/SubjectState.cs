using System.Text.Json.Serialization;
using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>What the ledger holds of one person: the subject grain's persistent state.</summary>
public sealed class SubjectState
{
    public string? SubjectId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<StoredIdentifier> Identifiers { get; set; } = [];
    public ContactData Contact { get; set; } = new();
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
        var subjectId = SubjectId ?? throw new InvalidOperationException("A subject without an id has no ledger.");
        var ledgerEvent = LedgerStreams.Seal(draft, LedgerSeq, LedgerHead, subjectId, dataKey);
        LedgerSeq = ledgerEvent.Seq;
        LedgerHead = ledgerEvent.Hash;
        return new StreamAppend(LedgerStreams.For(subjectId), ledgerEvent.Seq, LedgerStreams.Encode(ledgerEvent));
    }

    [JsonIgnore]
    public bool Erased => ErasedAt is not null;
}
