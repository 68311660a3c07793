using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans;
using PrivacyLedger.Gateway.Security;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Campaigns;
using PrivacyLedger.Ledger.Registers;

namespace PrivacyLedger.Gateway.OfficerConsole.Pages.Campaigns;

/// <summary>
/// Campaigns: those running or paused with live progress (the page polls its Live handler), every campaign newest
/// first by status, pause, resume and cancel (cancel after a confirmation), and planning: a dry run first, then the
/// same selection for real after a confirmation naming the dry run's count. Each action is allowed to the roles of
/// the API route it stands for.
/// </summary>
[ConsoleAccess("GET", "/v1/campaigns")]
public sealed class CampaignsModel(CampaignDirectory directory, IGrainFactory grains, RegisterCatalog catalog, [FromKeyedServices(LedgerClock.Key)] TimeProvider clock) : PageModel
{
    public const int PageSize = 25;
    private const int ActiveLimit = 100;
    private const int MaxListedIds = 10_000;

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "after")]
    public string? After { get; set; }

    /// <summary>The campaign whose cancellation is being confirmed.</summary>
    [BindProperty(SupportsGet = true, Name = "confirm")]
    public string? Confirm { get; set; }

    /// <summary>A text key saying what the last action did or why it was refused.</summary>
    [BindProperty(SupportsGet = true, Name = "notice")]
    public string? Notice { get; set; }

    /// <summary>The plan: a dry run and the selection it ran, carried in the URL (nothing personal: ids, a date, a register).</summary>
    [BindProperty(SupportsGet = true)]
    public CampaignPlan Plan { get; set; } = new();

    public IReadOnlyList<CampaignView> Active { get; private set; } = [];

    public CampaignPage Listed { get; private set; } = new([], null);

    public CampaignView? DryRun { get; private set; }

    public IReadOnlyList<StoredRegister> Registers { get; private set; } = [];

    public string? PlanProblem { get; private set; }

    public bool CanChange => Allows(User, "POST", "/v1/campaigns/{campaignId}/pause");

    public bool CanCancel => Allows(User, "POST", "/v1/campaigns/{campaignId}/cancel");

    public bool CanStart => Allows(User, "POST", "/v1/campaigns");

    public static readonly IReadOnlyList<string> Statuses = LedgerJson.EnumNames(typeof(CampaignStatus));

    public async Task<IActionResult> OnGetAsync()
    {
        if (!TryStatus(out var status))
        {
            return BadRequest();
        }
        await LoadAsync(status);
        return Page();
    }

    /// <summary>The numbers that move, for the page's polling script: the active campaigns and the dry run being planned.</summary>
    public async Task<IActionResult> OnGetLiveAsync()
    {
        var active = await ActiveAsync();
        if (Plan.DryRun is { } planned && await grains.GetGrain<ICampaignGrain>(planned).GetAsync() is { } dry)
        {
            active = [.. active, dry];
        }
        return new JsonResult(active.Select(view => new
        {
            view.CampaignId,
            Status = ConsoleWire.Name(view.Status),
            view.Total,
            view.Processed,
            view.Erased,
            view.Held,
            view.Failed,
            view.Skipped,
            view.RatePerSecond,
            view.EtaSeconds,
            view.Selecting,
        }));
    }

    [ConsoleAccess("POST", "/v1/campaigns/{campaignId}/pause")]
    public Task<IActionResult> OnPostPauseAsync(string id) => ChangeAsync(id, campaign => campaign.PauseAsync(User.ToActor()), "campaigns.paused");

    [ConsoleAccess("POST", "/v1/campaigns/{campaignId}/resume")]
    public Task<IActionResult> OnPostResumeAsync(string id) => ChangeAsync(id, campaign => campaign.ResumeAsync(User.ToActor()), "campaigns.resumed");

    [ConsoleAccess("POST", "/v1/campaigns/{campaignId}/cancel")]
    public Task<IActionResult> OnPostCancelAsync(string id) => ChangeAsync(id, campaign => campaign.CancelAsync(User.ToActor()), "campaigns.cancelled");

    /// <summary>Starts the dry run of a plan (a listed selection is uploaded first, so the real run can name the same list).</summary>
    [ConsoleAccess("POST", "/v1/campaigns")]
    public async Task<IActionResult> OnPostDryRunAsync(string? subjectIds)
    {
        var plan = Plan with { DryRun = null };
        if (plan.Selection == "list")
        {
            var ids = (subjectIds ?? "").Split(['\n', '\r', ' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (ids.Length is 0 or > MaxListedIds || ids.Any(id => id.Length > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            {
                return await PlanRefusedAsync("campaigns.plan.bad-list");
            }
            var uploadId = NewId();
            await grains.GetGrain<ICampaignUploadGrain>(uploadId).AppendAsync(ids);
            plan = plan with { Upload = uploadId };
        }
        try
        {
            var started = await grains.GetGrain<ICampaignGrain>(NewId()).StartAsync(plan.ToNewCampaign(dryRun: true), User.ToActor());
            return RedirectToPage(plan.RouteValues(started.CampaignId));
        }
        catch (Exception exception) when (exception is LedgerValidationException or LedgerNotFoundException)
        {
            return await PlanRefusedAsync("campaigns.plan.refused");
        }
    }

    /// <summary>The real run of a completed dry run's plan, once the operator has confirmed it.</summary>
    [ConsoleAccess("POST", "/v1/campaigns")]
    public async Task<IActionResult> OnPostRunAsync(bool confirmed)
    {
        var dry = Plan.DryRun is { } id ? await grains.GetGrain<ICampaignGrain>(id).GetAsync() : null;
        if (dry is not { DryRun: true, Status: CampaignStatus.Completed } || dry.Kind != Plan.Kind || dry.RegisterId != Plan.RegisterIdOrNull)
        {
            return await PlanRefusedAsync("campaigns.plan.no-dry-run");
        }
        if (!confirmed)
        {
            return await PlanRefusedAsync("campaigns.plan.confirm-first");
        }
        try
        {
            await grains.GetGrain<ICampaignGrain>(NewId()).StartAsync(Plan.ToNewCampaign(dryRun: false), User.ToActor());
            return RedirectToPage(new { notice = "campaigns.run-started" });
        }
        catch (Exception exception) when (exception is LedgerValidationException or LedgerNotFoundException)
        {
            return await PlanRefusedAsync("campaigns.plan.refused");
        }
    }

    public static double Percent(CampaignView view) => view.Total > 0 ? Math.Round(100.0 * view.Processed / view.Total, 1) : 0;

    public static bool Ended(CampaignView view) => view.Status is CampaignStatus.Completed or CampaignStatus.Cancelled or CampaignStatus.Failed;

    public static string Wire(CampaignStatus status) => ConsoleWire.Name(status);

    public static string Wire(CampaignKind kind) => ConsoleWire.Name(kind);

    private async Task<IActionResult> ChangeAsync(string id, Func<ICampaignGrain, Task<CampaignView>> change, string done)
    {
        try
        {
            await change(grains.GetGrain<ICampaignGrain>(id));
            return RedirectToPage(new { notice = done });
        }
        catch (LedgerNotFoundException)
        {
            return RedirectToPage(new { notice = "campaigns.not-found" });
        }
        catch (LedgerConflictException)
        {
            return RedirectToPage(new { notice = "campaigns.conflict" });
        }
    }

    private async Task<IActionResult> PlanRefusedAsync(string problem)
    {
        PlanProblem = problem;
        await LoadAsync(null);
        var page = Page();
        page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    private async Task LoadAsync(CampaignStatus? status)
    {
        Active = await ActiveAsync();
        Listed = await directory.ListAsync(status, string.IsNullOrEmpty(After) ? null : After, PageSize, HttpContext.RequestAborted);
        DryRun = Plan.DryRun is { } planned ? await grains.GetGrain<ICampaignGrain>(planned).GetAsync() : null;
        Registers = CanStart ? await catalog.ListAsync() : [];
    }

    private async Task<IReadOnlyList<CampaignView>> ActiveAsync()
    {
        var running = await directory.ListAsync(CampaignStatus.Running, null, ActiveLimit, HttpContext.RequestAborted);
        var paused = await directory.ListAsync(CampaignStatus.Paused, null, ActiveLimit, HttpContext.RequestAborted);
        return [.. running.Items, .. paused.Items];
    }

    private bool TryStatus(out CampaignStatus? status)
    {
        status = null;
        if (string.IsNullOrEmpty(Status))
        {
            return true;
        }
        var index = Statuses.ToList().IndexOf(Status);
        status = index >= 0 ? (CampaignStatus)index : null;
        return index >= 0;
    }

    private string NewId() => Guid.CreateVersion7(clock.GetUtcNow()).ToString("N");

    private static bool Allows(ClaimsPrincipal user, string method, string pattern) =>
        AccessMatrix.Find(method, pattern) is { } row && ConsoleAccessFilter.Allows(row, user.Role());
}
