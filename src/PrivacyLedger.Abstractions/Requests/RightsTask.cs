using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Requests;

[GenerateSerializer, Alias("rights-task-status")]
public enum RightsTaskStatus { Pending, Done, Held, Failed, AwaitingConfirmation }

[GenerateSerializer, Immutable, Alias("rights-task")]
public sealed record RightsTask(string RegisterId, string Action, RightsTaskStatus Status, DateTimeOffset? HeldUntil = null, string? HoldReason = null,
    TaskConfirmation? Confirmation = null, string? Note = null);
