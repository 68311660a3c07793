using System.Security.Claims;
using PrivacyLedger.Gateway.Security;

namespace PrivacyLedger.Gateway.OfficerConsole;

/// <summary>Who may hold a console session, and what a session's cookie carries.</summary>
public static class ConsoleSession
{
    /// <summary>The console's own cookie scheme: the API's routes never accept it, the console's pages accept nothing else.</summary>
    public const string Scheme = "Console";

    public const string CookieName = "pl-console";

    /// <summary>The SHA-256 of the key signed in with (never the key): each request checks the key is still configured.</summary>
    public const string KeyHashClaim = "pl:key-sha256";

    /// <summary>The console's home, whose row says which roles may sign in at all.</summary>
    public static RouteAccess Row { get; } = AccessMatrix.Console.Single(r => r.Method == "GET" && r.Pattern == "/console");

    public static bool Allows(string? role) => role is not null && Row.Allows(role);

    public static ClaimsPrincipal Principal(ApiKeyEntry entry) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, entry.Name),
            new Claim(ClaimTypes.Role, entry.Role),
            new Claim(KeyHashClaim, Convert.ToHexString(entry.KeyHash)),
        ], Scheme));

    public static string? Role(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role);
}
