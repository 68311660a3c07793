namespace PrivacyLedger.Ledger.Requests;

/// <summary>
/// What the queue's ordered set holds for a request: its <see cref="RequestQueueEntry"/> fields and the registers it
/// concerns, so the console can filter by register without loading each request. The API's list reads the same
/// payload as a <see cref="RequestQueueEntry"/> and never sees <see cref="Registers"/>.
/// </summary>
/// <param name="Registers">Its tasks' registers once fanned out, else those it names; null or empty: every register of
/// the person, not known until it is verified (rows written before registers were kept read the same way).</param>
public sealed record RequestQueueRecord(
    string RequestId, RequestType Type, string SubjectId, RequestStatus Status, DateTimeOffset ReceivedAt, DateTimeOffset DueAt,
    IReadOnlyList<string>? Registers = null)
{
    public static RequestQueueRecord Of(string requestId, RequestState state) => new(
        requestId, state.Type, state.SubjectId, state.Status, state.ReceivedAt, state.DueAt,
        state.Tasks.Count > 0 ? [.. state.Tasks.Select(task => task.RegisterId)] : state.Registers);

    /// <summary>Whether the request may concern the register: it names it, or it does not yet say which.</summary>
    public bool MayConcern(string registerId) => Registers is not { Count: > 0 } named || named.Contains(registerId);

    /// <summary>Received, verified or in progress: work still to do before the deadline.</summary>
    public bool IsOpen => RequestQueue.IsOpen(Status);
}
