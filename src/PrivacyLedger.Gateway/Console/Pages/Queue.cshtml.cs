using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Requests;

namespace PrivacyLedger.Gateway.OfficerConsole.Pages;

/// <summary>
/// The request queue by due date: the work of GET /v1/requests, from the same <see cref="RequestQueue"/>. Filters are
/// query parameters (a bookmarkable GET form); a filter the queue cannot use is named next to its field with 400.
/// </summary>
[ConsoleAccess("GET", "/v1/requests")]
public sealed class QueueModel(RequestQueue queue, RegisterCatalog catalog, ConsoleText text) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "type")]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "register")]
    public string? Register { get; set; }

    [BindProperty(SupportsGet = true, Name = "dueFrom")]
    public DateOnly? DueFrom { get; set; }

    [BindProperty(SupportsGet = true, Name = "dueTo")]
    public DateOnly? DueTo { get; set; }

    [BindProperty(SupportsGet = true, Name = "overdue")]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true, Name = "after")]
    public string? After { get; set; }

    public RequestQueueByDue? Result { get; private set; }

    public IReadOnlyList<(string Id, string Name)> Registers { get; private set; } = [];

    /// <summary>Errors by the query parameter they are about.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset Now { get; private set; }

    public async Task<PageResult> OnGetAsync([FromKeyedServices(LedgerClock.Key)] TimeProvider clock, CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        Registers = [.. (await catalog.ListAsync()).Select(r => (r.Definition.Id, text.Name(r.Definition.Name) ?? r.Definition.Id)).OrderBy(r => r.Item2, StringComparer.CurrentCulture)];
        foreach (var field in new[] { "dueFrom", "dueTo" }.Where(field => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0))
        {
            Errors[field] = text["queue.bad-date"];
        }
        if (!WireEnum.TryParse<RequestType>(Type, out var type))
        {
            Errors["type"] = text["queue.bad-value"];
        }
        if (!WireEnum.TryParse<RequestStatus>(Status, out var status))
        {
            Errors["status"] = text["queue.bad-value"];
        }
        if (Errors.Count > 0)
        {
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }
        var filter = new RequestQueueFilter(type, status, string.IsNullOrEmpty(Register) ? null : Register,
            DueFrom is { } from ? new DateTimeOffset(from, TimeOnly.MinValue, TimeSpan.Zero) : null,
            DueTo is { } to ? new DateTimeOffset(to.AddDays(1), TimeOnly.MinValue, TimeSpan.Zero) : null,
            Overdue);
        try
        {
            Result = await queue.ByDueDateAsync(filter, string.IsNullOrEmpty(After) ? null : After, PageSize, cancellationToken);
        }
        catch (LedgerValidationException invalid)
        {
            Errors[invalid.Field] = invalid.Message;
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }
        return Page();
    }

    /// <summary>This page's filters with another cursor: the next page's address (null: the first page).</summary>
    public string Link(string? after)
    {
        var query = new Dictionary<string, string?>
        {
            ["type"] = Type, ["status"] = Status, ["register"] = Register,
            ["dueFrom"] = DueFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["dueTo"] = DueTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["overdue"] = Overdue ? "true" : null, ["after"] = after,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/console/queue", query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    public string RegisterName(string id) => Registers.FirstOrDefault(r => r.Id == id).Name ?? id;
}
