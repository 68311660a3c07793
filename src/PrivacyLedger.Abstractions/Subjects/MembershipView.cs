using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Subjects;

[GenerateSerializer, Immutable, Alias("membership-view")]
public sealed record MembershipView(string RegisterId, string? ExternalId, DateTimeOffset Since, DateTimeOffset? LastActivityAt, string? Source, IReadOnlyList<CategoryView> Categories);

[GenerateSerializer, Immutable, Alias("category-view")]
public sealed record CategoryView(string Id, DateTimeOffset CollectedAt, bool Special);
