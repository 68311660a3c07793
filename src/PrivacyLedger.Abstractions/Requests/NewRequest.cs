using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Requests;

[GenerateSerializer, Immutable, Alias("new-request")]
public sealed record NewRequest(RequestType Type, string SubjectId, IReadOnlyList<string>? Registers, DateTimeOffset? ReceivedAt, RequestChannel Channel, RequestDetails? Details);
