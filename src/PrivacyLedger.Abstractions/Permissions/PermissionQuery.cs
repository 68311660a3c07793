using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Permissions;

/// <summary>A permission check. <see cref="Channel"/> may be left out where the purpose does not depend on it (no consent, no objection scopes).</summary>
[GenerateSerializer, Immutable, Alias("permission-query")]
public sealed record PermissionQuery(string Purpose, string? Channel, string? RegisterId);
