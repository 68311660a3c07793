using PrivacyLedger.Gateway.Security;

// The console's code lives in OfficerConsole, not Console: a PrivacyLedger.Gateway.Console namespace would hide
// System.Console from the rest of the gateway.
namespace PrivacyLedger.Gateway.OfficerConsole;

/// <summary>
/// The access-matrix row a console page (on its class) or action (on its POST handler) stands for: an API route the
/// page or action does the work of, or one of the console's own rows (<see cref="AccessMatrix.Console"/>). A page is
/// shown, and an action carried out, exactly when that row allows the caller's role.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false)]
public sealed class ConsoleAccessAttribute(string method, string pattern) : Attribute
{
    public string Method { get; } = method;

    public string Pattern { get; } = pattern;

    /// <summary>The row, or null when the matrix has none (the console then refuses to start).</summary>
    public RouteAccess? Row => AccessMatrix.Find(Method, Pattern)
        ?? AccessMatrix.Console.FirstOrDefault(r => r.Method == Method && r.Pattern == Pattern);
}
