using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Gateway.Security;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Requests;

namespace PrivacyLedger.Gateway.OfficerConsole.Pages;

/// <summary>
/// One rights request: its timeline and the actions the API allows, each through the same grain call as RequestsApi
/// and allowed exactly when its API route is. Refusing, cancelling and confirming an erasure's task ask for a ticked
/// confirmation first. A domain error is shown next to the field it names, the form kept as it was sent.
/// </summary>
[ConsoleAccess("GET", "/v1/requests/{requestId}")]
public sealed class RequestModel(IGrainFactory grains, RegisterCatalog catalog, ConsoleText text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string RequestId { get; set; } = "";

    /// <summary>What the last action did (after its redirect), e.g. <c>extended</c>.</summary>
    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public RequestView? View { get; private set; }

    public string? Receipt { get; private set; }

    public IReadOnlyDictionary<string, string> RegisterNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>The form whose action failed (verify, extend, refuse, cancel, confirm-{registerId}) and its errors by field.</summary>
    public string? FailedForm { get; private set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    private IRightsRequestGrain Grain => grains.GetGrain<IRightsRequestGrain>(RequestId);

    public Task<IActionResult> OnGetAsync() => ShowAsync(StatusCodes.Status200OK);

    /// <summary>The signed receipt as a file, as GET /v1/requests/{requestId}/receipt serves it.</summary>
    [ConsoleAccess("GET", "/v1/requests/{requestId}/receipt")]
    public async Task<IActionResult> OnGetReceiptAsync()
    {
        try
        {
            return File(System.Text.Encoding.ASCII.GetBytes(await Grain.GetReceiptAsync()), "application/jose", $"receipt-{RequestId}.jws");
        }
        catch (Exception notYet) when (notYet is LedgerConflictException or LedgerNotFoundException)
        {
            return NotFound();
        }
    }

    [ConsoleAccess("POST", "/v1/requests/{requestId}/verification")]
    public Task<IActionResult> OnPostVerifyAsync([FromForm] string? method, [FromForm] string? verifiedBy) => ActAsync("verify", "verified", () =>
    {
        if (!WireEnum.TryParse<VerificationMethod>(method, out var parsed) || parsed is null)
        {
            throw new LedgerValidationException("method", text["request.choose-method"]);
        }
        return Grain.VerifyAsync(parsed.Value, Limited(RequestValidation.Required(verifiedBy, "verifiedBy"), "verifiedBy", FieldLimits.Name), User.ToActor());
    });

    [ConsoleAccess("POST", "/v1/requests/{requestId}/extension")]
    public Task<IActionResult> OnPostExtendAsync([FromForm] int? months, [FromForm] string? reason) => ActAsync("extend", "extended", () =>
    {
        var wanted = months ?? throw new LedgerValidationException("months", text["request.choose-months"]);
        return Grain.ExtendAsync(wanted, Limited(RequestValidation.Required(reason, "reason"), "reason", FieldLimits.Text), User.ToActor());
    });

    [ConsoleAccess("POST", "/v1/requests/{requestId}/refusal")]
    public Task<IActionResult> OnPostRefuseAsync([FromForm] string? reason, [FromForm] string? explanation, [FromForm] bool confirm) => ActAsync("refuse", "refused", () =>
    {
        if (!WireEnum.TryParse<RefusalReason>(reason, out var parsed) || parsed is null)
        {
            throw new LedgerValidationException("reason", text["request.choose-reason"]);
        }
        var said = Limited(RequestValidation.Required(explanation, "explanation"), "explanation", FieldLimits.Text);
        Confirmed(confirm);
        return Grain.RefuseAsync(parsed.Value, said, User.ToActor());
    });

    [ConsoleAccess("POST", "/v1/requests/{requestId}/cancellation")]
    public Task<IActionResult> OnPostCancelAsync([FromForm] string? reason, [FromForm] bool confirm) => ActAsync("cancel", "cancelled", () =>
    {
        var said = Limited(RequestValidation.Required(reason, "reason"), "reason", FieldLimits.Text);
        Confirmed(confirm);
        return Grain.CancelAsync(said, User.ToActor());
    });

    [ConsoleAccess("POST", "/v1/requests/{requestId}/tasks/{registerId}/confirmation")]
    public Task<IActionResult> OnPostConfirmAsync([FromForm] string? registerId, [FromForm] string? evidence, [FromForm] bool confirm) =>
        ActAsync($"confirm-{registerId}", "confirmed", async () =>
        {
            var register = RequestValidation.Required(registerId, "registerId");
            var said = Limited(RequestValidation.Required(evidence, "evidence"), "evidence", FieldLimits.Text);
            // Confirming an erasure's last task completes it, and the person's data is shredded: ask first.
            if ((await Grain.GetAsync())?.Type == RequestType.Erasure)
            {
                Confirmed(confirm);
            }
            var actor = User.ToActor();
            return await Grain.ConfirmTaskAsync(register, actor.ToString(), said, actor);
        });

    public string RegisterName(string id) => RegisterNames.GetValueOrDefault(id, id);

    public string? ErrorFor(string form, string field) => FailedForm == form && Errors.TryGetValue(field, out var error) ? error : null;

    /// <summary>Errors of the form that name none of its fields (a conflict, say): shown at the top of the form.</summary>
    public IEnumerable<string> OtherErrors(string form, params string[] fields) =>
        FailedForm == form ? Errors.Where(e => !fields.Contains(e.Key)).Select(e => e.Value) : [];

    /// <summary>Runs one action; on success goes back to the page (post, redirect, get), on a domain error shows it by its field.</summary>
    private async Task<IActionResult> ActAsync(string form, string done, Func<Task<RequestView>> action)
    {
        try
        {
            await action();
            return RedirectToPage("/Request", new { requestId = RequestId, done });
        }
        catch (LedgerValidationException invalid)
        {
            return await FailAsync(form, invalid.Field, invalid.Message, StatusCodes.Status400BadRequest);
        }
        catch (LedgerConflictException conflict)
        {
            return await FailAsync(form, "", conflict.Message, StatusCodes.Status409Conflict);
        }
        catch (LedgerNotFoundException missing)
        {
            return await FailAsync(form, "", missing.Message, StatusCodes.Status404NotFound);
        }
    }

    private async Task<IActionResult> FailAsync(string form, string field, string message, int status)
    {
        FailedForm = form;
        Errors[field] = message;
        return await ShowAsync(status);
    }

    private async Task<IActionResult> ShowAsync(int status)
    {
        View = await Grain.GetAsync();
        if (View is null)
        {
            return new PageResult { StatusCode = StatusCodes.Status404NotFound };
        }
        var registers = View.Tasks.Select(task => task.RegisterId).Concat(View.Notifications.Select(n => n.RegisterId)).Distinct();
        RegisterNames = (await catalog.FindManyAsync(registers)).ToDictionary(pair => pair.Key, pair => text.Name(pair.Value.Name) ?? pair.Key);
        if (View.Status is RequestStatus.Completed or RequestStatus.PartiallyCompleted or RequestStatus.Refused)
        {
            try
            {
                Receipt = await Grain.GetReceiptAsync();
            }
            catch (LedgerConflictException)
            {
                // Not issued yet: the timeline says so.
            }
        }
        return new PageResult { StatusCode = status };
    }

    private void Confirmed(bool confirm)
    {
        if (!confirm)
        {
            throw new LedgerValidationException("confirm", text["request.confirm-first"]);
        }
    }

    private static string Limited(string value, string field, int limit) =>
        value.Length <= limit ? value : throw new LedgerValidationException(field, $"{field} is longer than {limit} characters.");
}
