using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Requests;

/// <summary>One register's part of a request, as the subject grain carries it out. Safe to run again after a crash.</summary>
[GenerateSerializer, Immutable, Alias("rights-task-command")]
public sealed record RightsTaskCommand(string RequestId, RequestType Type, string RegisterId, RequestDetails? Details, TaskConfirmation? Confirmation);
