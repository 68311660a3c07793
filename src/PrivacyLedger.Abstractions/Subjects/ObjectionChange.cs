using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Subjects;

[GenerateSerializer, Immutable, Alias("objection-change")]
public sealed record ObjectionChange(IReadOnlyList<string> Channels, string Source, string? Evidence);
