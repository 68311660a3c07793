using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Chain;

/// <summary>The result of walking a subject's chain from the first event.</summary>
[GenerateSerializer, Immutable, Alias("ledger-verification")]
public sealed record LedgerVerification(bool Valid, long Events, string Head, long? FirstInvalidSeq);
