using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Gateway.Security;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Gateway.OfficerConsole.Pages.Person;

/// <summary>
/// One person, looked up by an identifier or a subject id (never listed): memberships, consents, objections,
/// restrictions and the ledger's outline with its verification, personal data masked (a masked read, recorded as
/// such). Revealing is a POST that makes the full read (<see cref="ISubjectGrain.ReadAsync"/>), recorded in the
/// person's ledger like any read of the API (R12). The identifier typed is posted, never put in a URL.
/// </summary>
[ConsoleAccess("GET", "/v1/subjects/{subjectId}")]
public sealed class PersonModel(SubjectDirectory directory) : PageModel
{
    public const int LedgerPageSize = 50;

    /// <summary>The kinds the lookup form offers: the identifier kinds, and a subject id.</summary>
    public static readonly IReadOnlyList<string> Kinds = [.. IdentifierKinds.WireNames, "subject-id"];

    [BindProperty(SupportsGet = true, Name = "id")]
    public string? SubjectId { get; set; }

    [BindProperty(SupportsGet = true, Name = "after")]
    public long After { get; set; }

    public SubjectView? Subject { get; private set; }

    public LedgerPage? Ledger { get; private set; }

    public LedgerVerification? Verification { get; private set; }

    /// <summary>True when <see cref="Subject"/> holds the revealed (full) read.</summary>
    public bool Revealed { get; private set; }

    /// <summary>A text key: why the lookup found nobody or was refused.</summary>
    public string? Problem { get; private set; }

    public string? ProblemField { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (string.IsNullOrWhiteSpace(SubjectId))
        {
            return Page();
        }
        try
        {
            var subject = directory.Subject(SubjectId);
            var overview = await subject.ReadMaskedAsync(Math.Max(After, 0), LedgerPageSize, User.ToActor());
            (Subject, Ledger) = (overview.Subject, overview.Ledger);
            Verification = await subject.VerifyLedgerAsync();
        }
        catch (LedgerNotFoundException)
        {
            return NotFoundPage();
        }
        return Page();
    }

    /// <summary>Finds the person by what the officer typed and shows them by subject id (pseudonymous) in the URL.</summary>
    [ConsoleAccess("GET", "/v1/subjects")]
    public async Task<IActionResult> OnPostFindAsync(string? kind, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            (Problem, ProblemField) = ("person.lookup.missing", "value");
            return Page();
        }
        value = value.Trim();
        if (kind == "subject-id")
        {
            return RedirectToPage(new { id = value });
        }
        try
        {
            var found = await directory.FindAsync(RequestValidation.ParseIdentifier(kind, value, "value"), HttpContext.RequestAborted);
            return found is null ? NotFoundPage() : RedirectToPage(new { id = found });
        }
        catch (LedgerValidationException)
        {
            // The reason names the value's rules, not the value; the page says it in the officer's language.
            (Problem, ProblemField) = ("person.lookup.invalid", "value");
            return Page();
        }
    }

    /// <summary>Shows this one person's personal data in clear: the full read, recorded in their ledger.</summary>
    [ConsoleAccess("GET", "/v1/subjects/{subjectId}")]
    public async Task<IActionResult> OnPostRevealAsync()
    {
        if (string.IsNullOrWhiteSpace(SubjectId))
        {
            return RedirectToPage();
        }
        try
        {
            var subject = directory.Subject(SubjectId);
            Subject = await subject.ReadAsync(User.ToActor());
            Verification = await subject.VerifyLedgerAsync();
            Revealed = true;
        }
        catch (LedgerNotFoundException)
        {
            return NotFoundPage();
        }
        return Page();
    }

    private PageResult NotFoundPage()
    {
        (Subject, Ledger, Verification) = (null, null, null);
        (Problem, ProblemField) = ("person.not-found", "value");
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }
}
