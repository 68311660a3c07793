using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PrivacyLedger.Gateway.OfficerConsole.Pages;

/// <summary>The language switch: remembers the choice in a cookie (a year) and goes back to the page it was made on.</summary>
[ConsoleAccess("POST", "/console/language")]
public sealed class LanguageModel : PageModel
{
    [ConsoleAccess("POST", "/console/language")]
    public IActionResult OnPost([FromForm] string? language, [FromForm] string? returnUrl)
    {
        if (language is not null && ConsoleLanguage.All.Contains(language))
        {
            Response.Cookies.Append(ConsoleLanguage.CookieName, language, new CookieOptions
            {
                Path = ConsoleExtensions.PathBase,
                HttpOnly = true,
                Secure = Request.IsHttps,
                SameSite = SameSiteMode.Strict,
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
            });
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) && returnUrl!.StartsWith(ConsoleExtensions.PathBase, StringComparison.Ordinal) ? returnUrl : ConsoleExtensions.PathBase);
    }
}
