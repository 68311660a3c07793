using PrivacyLedger.Ledger.Campaigns;

namespace PrivacyLedger.Gateway.OfficerConsole.Pages.Campaigns;

/// <summary>
/// What the plan form asks for, bound from the form and from the URL of the dry run's result: the kind, the register,
/// one way of selecting (inactive since a date, retention expired, or a list uploaded when the dry run started) and
/// pacing. The real run starts from the same plan.
/// </summary>
public sealed record CampaignPlan
{
    public CampaignKind Kind { get; init; } = CampaignKind.RegisterPurge;

    public string? RegisterId { get; init; }

    /// <summary><c>inactive</c>, <c>retention</c> or <c>list</c>.</summary>
    public string Selection { get; init; } = "inactive";

    public DateOnly? InactiveSince { get; init; }

    public string? Upload { get; init; }

    public int? MaxPerSecond { get; init; }

    /// <summary>The dry run this plan was counted by.</summary>
    public string? DryRun { get; init; }

    public string? RegisterIdOrNull => string.IsNullOrWhiteSpace(RegisterId) ? null : RegisterId;

    public NewCampaign ToNewCampaign(bool dryRun) => new(Kind, RegisterIdOrNull, Selection switch
    {
        "retention" => new CampaignSelector { RetentionExpired = true },
        "list" => new CampaignSelector { SubjectIdsUpload = Upload },
        _ => new CampaignSelector { InactiveSince = InactiveSince is { } date ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null },
    }, dryRun, MaxPerSecond);

    /// <summary>The plan as the URL of its dry run's result carries it.</summary>
    public object RouteValues(string dryRunId) => new Dictionary<string, object?>
    {
        ["Plan.DryRun"] = dryRunId,
        ["Plan.Kind"] = Kind,
        ["Plan.RegisterId"] = RegisterIdOrNull,
        ["Plan.Selection"] = Selection,
        ["Plan.InactiveSince"] = InactiveSince?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["Plan.Upload"] = Upload,
        ["Plan.MaxPerSecond"] = MaxPerSecond,
    };
}
