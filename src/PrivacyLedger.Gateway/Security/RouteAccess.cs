namespace PrivacyLedger.Gateway.Security;

/// <summary>
/// Who may call one route: <paramref name="Roles"/> besides admin, or anyone without a key when
/// <paramref name="Anonymous"/>. <paramref name="Pattern"/> is the route template as mapped, e.g.
/// <c>/v1/subjects/{subjectId}/ledger</c>.
/// </summary>
public sealed record RouteAccess(string Method, string Pattern, IReadOnlyList<string> Roles, bool Anonymous = false)
{
    /// <summary>The roles that may call the route, admin included; empty for an anonymous route.</summary>
    public IReadOnlyList<string> Callers => Anonymous ? [] : [Security.Roles.Admin, .. Roles];

    public bool Allows(string role) => Anonymous || role == Security.Roles.Admin || Roles.Contains(role);
}
