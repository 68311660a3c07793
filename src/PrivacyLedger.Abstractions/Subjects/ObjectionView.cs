using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Subjects;

[GenerateSerializer, Immutable, Alias("objection-view")]
public sealed record ObjectionView(string Scope, IReadOnlyList<string> Channels, string Source, string? Evidence, DateTimeOffset At);
