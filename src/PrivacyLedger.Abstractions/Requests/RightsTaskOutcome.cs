using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Requests;

[GenerateSerializer, Immutable, Alias("rights-task-outcome")]
public sealed record RightsTaskOutcome(RightsTaskStatus Status, DateTimeOffset? HeldUntil = null, string? HoldReason = null, string? Note = null)
{
    /// <summary>The note of a task done with nothing to do: the person is not in that register.</summary>
    public const string NotAMember = "not a member";
}
