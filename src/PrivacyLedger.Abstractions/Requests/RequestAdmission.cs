using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Requests;

/// <summary>What the subject grain says when a request is recorded: whether an access request came within the last 12 months (R1).</summary>
[GenerateSerializer, Immutable, Alias("request-admission")]
public sealed record RequestAdmission(DateTimeOffset? PreviousAccessRequestAt);
