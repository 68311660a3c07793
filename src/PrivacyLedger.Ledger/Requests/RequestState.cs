namespace PrivacyLedger.Ledger.Requests;

/// <summary>The rights-request grain's persistent state: where the request stands and its per-register tasks and notifications.</summary>
public sealed class RequestState
{
    public string? RequestId { get; set; }
    public RequestType Type { get; set; }
    public string SubjectId { get; set; } = "";
    public RequestStatus Status { get; set; }
    public RequestChannel Channel { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset OriginalDueAt { get; set; }
    public List<string>? Registers { get; set; }
    public RequestDetails? Details { get; set; }
    public Verification? Verification { get; set; }
    public Extension? Extension { get; set; }
    public Refusal? Refusal { get; set; }
    public Fee Fee { get; set; } = new(false, null);
    public List<RightsTask> Tasks { get; set; } = [];
    public List<Notification> Notifications { get; set; } = [];
    public List<string> Flags { get; set; } = [];
    public bool ErasureFinished { get; set; }
    /// <summary>Set when an erasure completes, after the subject's ledger has recorded a finding of nothing to erase.</summary>
    public RequestOutcome? Outcome { get; set; }

    /// <summary>The latest signed receipt (completed, partially completed or refused); nothing personal, so it outlives shredding.</summary>
    public Receipts.IssuedReceipt? Receipt { get; set; }
}
