using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>A page of the ledger with personal data decrypted where the subject's key still exists.</summary>
[GenerateSerializer, Immutable, Alias("ledger-page")]
public sealed record LedgerPage(IReadOnlyList<LedgerEntryView> Items, long? Next);

/// <summary>
/// One ledger event. <see cref="SealedData"/> is the data's ciphertext as hashed, so anyone holding the page can
/// recompute <see cref="Hash"/>; <see cref="Shredded"/> says the event carried personal data whose key was destroyed
/// (an erasure), so <see cref="Data"/> is null for good.
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger-entry-view")]
public sealed record LedgerEntryView(long Seq, DateTimeOffset At, string Type, string Actor, string? RegisterId, string? RequestId,
    // Written even when null, so a shredded event reads "data": null beside "shredded": true.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] JsonElement? Data, string PrevHash, string Hash, string? SealedData = null, bool Shredded = false);
