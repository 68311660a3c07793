using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Retention;

[GenerateSerializer, Immutable, Alias("sweep-report")]
public sealed record SweepReport(bool DryRun, IReadOnlyList<string> Registers, int SubjectsExamined, IReadOnlyList<ExpiredCount> Expired);
