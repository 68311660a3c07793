using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Subjects;

[GenerateSerializer, Immutable, Alias("consent-change")]
public sealed record ConsentChange(IReadOnlyList<string> Channels, string Source, string? Evidence);
