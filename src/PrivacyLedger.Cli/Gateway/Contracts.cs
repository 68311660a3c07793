namespace PrivacyLedger.Cli.Gateway;

// The bodies of API v1 this tool sends and reads (PRODUCT.md, "HTTP API v1"). Statuses stay strings so a
// status the gateway adds later is shown rather than failing the read.

public sealed record IdentifierBody(string Kind, string Value);

public sealed record ContactBody
{
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Address { get; init; }
    public string? Language { get; init; }
}

public sealed record CategoryBody(string Id, DateTimeOffset? CollectedAt = null);

/// <summary>The body of <c>POST /v1/registers/{registerId}/members</c>.</summary>
public sealed record EnrolmentBody
{
    public List<IdentifierBody>? Identifiers { get; init; }
    public string? ExternalId { get; init; }
    public ContactBody? Contact { get; init; }
    public List<CategoryBody>? Categories { get; init; }
    public string? Source { get; init; }
    public DateTimeOffset? LastActivityAt { get; init; }
}

public sealed record EnrolmentResult(string SubjectId, bool Created);

/// <summary>A line the gateway did not import: its number in what was sent, the field at fault, and why.</summary>
public sealed record ImportError(long Line, string Field, string Detail);

/// <summary>The answer of <c>POST /v1/imports</c>, per line sent.</summary>
public sealed record ImportResult(long Rows, long Created, long Existing, long Failed, IReadOnlyList<ImportError> Errors, bool ErrorsTruncated);

public sealed record CampaignSelectorBody(DateTimeOffset? InactiveSince, bool RetentionExpired, IReadOnlyList<string>? SubjectIds);

public sealed record StartCampaignBody(string Kind, string? RegisterId, CampaignSelectorBody Selector, bool DryRun, int? MaxPerSecond);

public sealed record CampaignCreated(string CampaignId);

/// <param name="Selecting">Selection still running: people already selected are processed meanwhile, and the total can grow.</param>
public sealed record CampaignState(
    string CampaignId, string Status, bool DryRun, long Total, long Processed, long Erased, long Held, long Failed,
    double RatePerSecond, double? EtaSeconds, bool Selecting = false)
{
    /// <summary>Statuses after which nothing about the campaign changes any more.</summary>
    public bool IsFinished => Status is "completed" or "cancelled" or "failed";
}

/// <summary>The body of <c>POST /v1/retention/sweeps</c>; <see cref="DryRun"/> is always sent.</summary>
public sealed record SweepBody(bool DryRun, string? RegisterId);

public sealed record ExpiredCount(string RegisterId, string CategoryId, int Subjects, bool External);

public sealed record SweepReport(bool DryRun, IReadOnlyList<string> Registers, int SubjectsExamined, IReadOnlyList<ExpiredCount> Expired);

public sealed record CampaignItem(string SubjectId, string Status, string? Note = null);

public sealed record RequestEntry(string RequestId, string Type, string SubjectId, string Status, DateTimeOffset ReceivedAt, DateTimeOffset DueAt);

public sealed record LedgerVerification(bool Valid, long Events, string? Head);

/// <summary>A page of a listing; <see cref="Next"/> is the cursor for <c>after=</c>, null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
