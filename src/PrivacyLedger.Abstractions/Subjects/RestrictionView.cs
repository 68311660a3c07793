using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Subjects;

[GenerateSerializer, Immutable, Alias("restriction-view")]
public sealed record RestrictionView(string RegisterId, string Reason, DateTimeOffset At);
