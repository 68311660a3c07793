using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PrivacyLedger.Gateway.OfficerConsole.Pages;

/// <summary>Ends the session: the cookie is deleted and the sign-in page says so. Only a POST (with its anti-forgery token) signs out.</summary>
[ConsoleAccess("POST", "/console/sign-out")]
public sealed class SignOutModel(ILogger<SignOutModel> logger) : PageModel
{
    [ConsoleAccess("POST", "/console/sign-out")]
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ConsoleSession.Scheme);
        ConsoleLog.SignedOut(logger);
        return RedirectToPage("/SignIn", new { signedOut = true });
    }
}
