using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Requests;

/// <summary>Evidence that an external system carried out its part: who, when, what.</summary>
[GenerateSerializer, Immutable, Alias("task-confirmation")]
public sealed record TaskConfirmation(string ConfirmedBy, DateTimeOffset At, string Evidence);
