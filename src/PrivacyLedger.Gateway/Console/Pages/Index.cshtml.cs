using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PrivacyLedger.Gateway.OfficerConsole.Pages;

/// <summary>The console's home: the first page of the navigation the role may open.</summary>
[ConsoleAccess("GET", "/console")]
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() =>
        ConsoleNavigation.For(User.Role()).FirstOrDefault() is { } first ? Redirect(first.Path) : Page();
}
