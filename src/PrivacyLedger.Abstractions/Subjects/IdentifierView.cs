using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Subjects;

[GenerateSerializer, Immutable, Alias("identifier-view")]
public sealed record IdentifierView(string Kind, string Value, bool Masked);
