using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using PrivacyLedger.Ledger.Campaigns;
using PrivacyLedger.Ledger.Permissions;
using PrivacyLedger.Ledger.Requests;

namespace PrivacyLedger.Ledger;

/// <summary>
/// The ledger's instruments, under the meter "PrivacyLedger.Ledger". Labels are outcomes, kinds and statuses only:
/// never a subject, request or campaign id, nor anything a person gave.
/// </summary>
public sealed class LedgerMetrics
{
    public const string MeterName = "PrivacyLedger.Ledger";

    private readonly Counter<long> _permissionChecks;
    private readonly Counter<long> _campaignItems;
    private readonly Counter<long> _requestStatuses;

    // The status each live request activation last saved, keyed by its state object (no id is kept), so a status is
    // counted when a request reaches it, not at every save. It goes with the activation: a request activated again
    // (after a restart, or idle collection) counts its status once more at its first save.
    private readonly ConditionalWeakTable<object, StrongBox<RequestStatus?>> _lastRequestStatus = [];

    public LedgerMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _permissionChecks = meter.CreateCounter<long>("privacyledger.permission.checks", description: "Permission checks of known people, by outcome (allowed, denied)");
        _campaignItems = meter.CreateCounter<long>("privacyledger.campaign.items", description: "Campaign items processed, by campaign kind and outcome");
        _requestStatuses = meter.CreateCounter<long>("privacyledger.request.statuses", description: "Rights requests reaching a status, by request type and status");
    }

    /// <summary>Counts a check's outcome and hands the decision back, so the grain's return statement can pass through it.</summary>
    public PermissionDecision PermissionChecked(PermissionDecision decision)
    {
        _permissionChecks.Add(1, new KeyValuePair<string, object?>("outcome", decision.Allowed ? "allowed" : "denied"));
        return decision;
    }

    public void CampaignItemProcessed(CampaignKind kind, CampaignItemStatus outcome) =>
        _campaignItems.Add(1, new("kind", Label(kind)), new("outcome", Label(outcome)));

    /// <summary>Called at every save of a request; counts the status when it differs from the one this activation last saved.</summary>
    public void RequestSaved(object state, RequestType type, RequestStatus status)
    {
        // A grain's calls run one at a time, so its box is never written by two threads at once.
        var last = _lastRequestStatus.GetValue(state, static _ => new StrongBox<RequestStatus?>());
        if (last.Value == status)
        {
            return;
        }
        last.Value = status;
        _requestStatuses.Add(1, new("type", Label(type)), new("status", Label(status)));
    }

    private static string Label<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}

/// <summary>How a grain reaches the metrics in one line, without a constructor parameter.</summary>
internal static class LedgerMetricsGrainExtensions
{
    public static LedgerMetrics Metrics(this IGrainBase grain) => grain.GrainContext.ActivationServices.GetRequiredService<LedgerMetrics>();
}
