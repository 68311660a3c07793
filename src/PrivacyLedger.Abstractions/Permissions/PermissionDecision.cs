using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Permissions;

[GenerateSerializer, Immutable, Alias("permission-decision")]
public sealed record PermissionDecision(bool Allowed, IReadOnlyList<string> Reasons);
