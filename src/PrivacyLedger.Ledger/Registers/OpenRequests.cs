using System.Text.Json;
using PrivacyLedger.Ledger.Requests;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Registers;

/// <summary>
/// The rights requests still open (received, verified, in progress), each with the registers it concerns: an ordered
/// set written by the request grain in the same commit as its state, and left as the request reaches a final status
/// or a partial completion (open as the queue's overdue filter counts it). Open requests are few next to all requests
/// ever made, so counting them per register reads this set alone.
/// </summary>
public static class OpenRequests
{
    public const string Set = "open-requests";

    /// <summary>The request's entry as <paramref name="state"/> stands: written while open, removed once it is not.</summary>
    public static SetEntryChange Entry(string requestId, RequestState state)
    {
        if (!RequestQueue.IsOpen(state.Status))
        {
            return new SetEntryChange(Set, requestId, null);
        }
        // Once verified a request has its tasks, one per register; before that it concerns the registers it named,
        // or (none named) every register the person is in, which the count asks the person for.
        IReadOnlyList<string>? registers = state.Tasks.Count > 0 ? [.. state.Tasks.Select(task => task.RegisterId).Distinct()]
            : state.Registers is { Count: > 0 } named ? named : null;
        return new SetEntryChange(Set, requestId, JsonSerializer.SerializeToUtf8Bytes(new OpenRequest(state.SubjectId, registers), LedgerJson.Options));
    }
}

/// <summary>An open request's entry: its person, and its registers (null: every register the person is in).</summary>
public sealed record OpenRequest(string SubjectId, IReadOnlyList<string>? Registers);
