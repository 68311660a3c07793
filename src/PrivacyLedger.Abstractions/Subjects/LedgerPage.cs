using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>A page of the ledger with personal data decrypted where the subject's key still exists.</summary>
[GenerateSerializer, Immutable, Alias("ledger-page")]
public sealed record LedgerPage(IReadOnlyList<LedgerEntryView> Items, long? Next);

[GenerateSerializer, Immutable, Alias("ledger-entry-view")]
public sealed record LedgerEntryView(long Seq, DateTimeOffset At, string Type, string Actor, string? RegisterId, string? RequestId,
    System.Text.Json.JsonElement? Data, string PrevHash, string Hash);
