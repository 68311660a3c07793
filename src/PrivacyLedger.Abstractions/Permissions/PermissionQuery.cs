using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Permissions;

[GenerateSerializer, Immutable, Alias("permission-query")]
public sealed record PermissionQuery(string Purpose, string Channel, string? RegisterId);
