using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Subjects;

[GenerateSerializer, Immutable, Alias("consent-view")]
public sealed record ConsentView(string PurposeId, IReadOnlyList<string> Channels, string Source, string? Evidence, DateTimeOffset GrantedAt);
