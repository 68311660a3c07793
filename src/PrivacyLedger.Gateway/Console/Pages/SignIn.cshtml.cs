using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyLedger.Gateway.Security;

namespace PrivacyLedger.Gateway.OfficerConsole.Pages;

/// <summary>
/// Sign-in with an API key, checked by the same key store as the API's X-Api-Key. Only roles that may hold a console
/// session (<see cref="ConsoleSession.Row"/>) get the cookie; any other is told why, with 403. The key itself is
/// neither logged, kept nor written back: the cookie holds the key's name, role and SHA-256.
/// </summary>
[ConsoleAccess("GET", "/console/sign-in")]
public sealed class SignInModel(ApiKeyRegistry keys, ConsoleText text, ILogger<SignInModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool SignedOut { get; private set; }

    public string? Error { get; private set; }

    public void OnGet(bool signedOut = false) => SignedOut = signedOut;

    [ConsoleAccess("POST", "/console/sign-in")]
    public async Task<IActionResult> OnPostAsync([FromForm] string? apiKey)
    {
        if (!Request.IsHttps && !IsLoopback(HttpContext.Connection.RemoteIpAddress))
        {
            ConsoleLog.PlainHttpRefused(logger);
            return Refused(StatusCodes.Status400BadRequest, text["signin.https-required"]);
        }
        if (string.IsNullOrEmpty(apiKey))
        {
            return Refused(StatusCodes.Status400BadRequest, text["signin.missing-key"]);
        }
        if (keys.Find(apiKey) is not { } entry)
        {
            ConsoleLog.UnknownKey(logger);
            return Refused(StatusCodes.Status401Unauthorized, text["signin.unknown-key"]);
        }
        if (!ConsoleSession.Allows(entry.Role))
        {
            ConsoleLog.RoleRefused(logger, entry.Role);
            return Refused(StatusCodes.Status403Forbidden, text.Format("signin.role-refused", entry.Role));
        }
        // A session cookie (no Expires) whose ticket ends after ConsoleExtensions.SessionLifetime whatever happens.
        await HttpContext.SignInAsync(ConsoleSession.Scheme, ConsoleSession.Principal(entry), new AuthenticationProperties { IsPersistent = false });
        ConsoleLog.SignedIn(logger, entry.Role);
        return LocalRedirect(IsConsoleUrl(ReturnUrl) ? ReturnUrl! : ConsoleExtensions.PathBase);
    }

    private PageResult Refused(int status, string error)
    {
        Error = error;
        return new PageResult { StatusCode = status };
    }

    /// <summary>Only back into the console: a return address elsewhere (or another host) is ignored.</summary>
    private bool IsConsoleUrl(string? url) =>
        Url.IsLocalUrl(url) && (url == ConsoleExtensions.PathBase || url!.StartsWith(ConsoleExtensions.PathBase + "/", StringComparison.Ordinal));

    /// <summary>Loopback, or in-process (the test server has no remote address): nothing on a network can read the key.</summary>
    private static bool IsLoopback(IPAddress? address) => address is null || IPAddress.IsLoopback(address);
}
