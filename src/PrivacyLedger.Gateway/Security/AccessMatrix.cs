using static PrivacyLedger.Gateway.Security.Roles;

namespace PrivacyLedger.Gateway.Security;

/// <summary>
/// R12, least privilege, decided in one place: every route the gateway serves and the roles that may call it
/// (admin may call all). <see cref="AccessMatrixConvention"/> applies it to the endpoints as they are built and
/// refuses to start when a route has no row here, so no route is ever served without a decision.
/// </summary>
/// <remarks>
/// Backend systems (service) enrol, change consents and objections, check permissions, take in rights requests from
/// self-service forms and confirm their own registers' erasure tasks; they do not read people's data back. Marketing
/// only asks whether it may contact someone. Reading a person, their ledger and the request queue is the privacy
/// officer's; register definitions are the controller's configuration (admin); deletion at scale is the campaign
/// operator's; metrics are a scraper's.
/// </remarks>
public static class AccessMatrix
{
    public static readonly IReadOnlyList<RouteAccess> Routes =
    [
        Open("GET", "/healthz"),
        Open("GET", "/readyz"),
        Open("GET", "/openapi/{documentName}.json"),
        Route("GET", "/metrics", Metrics),
        Open("GET", "/.well-known/privacy-ledger/jwks.json"),
        Open("GET", "/v1/discovery"),

        Route("GET", "/v1/registers", PrivacyOfficer, Service, CampaignOperator),
        Route("GET", "/v1/registers/{registerId}", PrivacyOfficer, Service, CampaignOperator),
        Route("PUT", "/v1/registers/{registerId}"),
        Route("GET", "/v1/registers/{registerId}/members", PrivacyOfficer, CampaignOperator),
        Route("POST", "/v1/registers/{registerId}/members", Service),
        Route("POST", "/v1/imports", Service),

        Route("GET", "/v1/subjects", PrivacyOfficer),
        Route("GET", "/v1/subjects/{subjectId}", PrivacyOfficer),
        Route("PUT", "/v1/subjects/{subjectId}/consents/{purposeId}", PrivacyOfficer, Service),
        Route("DELETE", "/v1/subjects/{subjectId}/consents/{purposeId}", PrivacyOfficer, Service),
        Route("PUT", "/v1/subjects/{subjectId}/objections/{scope}", PrivacyOfficer, Service),
        Route("DELETE", "/v1/subjects/{subjectId}/objections/{scope}", PrivacyOfficer, Service),
        Route("PUT", "/v1/subjects/{subjectId}/restrictions/{registerId}", PrivacyOfficer),
        Route("DELETE", "/v1/subjects/{subjectId}/restrictions/{registerId}", PrivacyOfficer),
        Route("GET", "/v1/subjects/{subjectId}/permissions", PrivacyOfficer, Service, Marketing),
        Route("POST", "/v1/permissions/check", PrivacyOfficer, Service, Marketing),
        Route("GET", "/v1/subjects/{subjectId}/ledger", PrivacyOfficer),
        Route("GET", "/v1/subjects/{subjectId}/ledger/verification", PrivacyOfficer),

        Route("POST", "/v1/requests", PrivacyOfficer, Service),
        Route("GET", "/v1/requests", PrivacyOfficer),
        Route("GET", "/v1/requests/{requestId}", PrivacyOfficer),
        Route("POST", "/v1/requests/{requestId}/verification", PrivacyOfficer),
        Route("POST", "/v1/requests/{requestId}/extension", PrivacyOfficer),
        Route("POST", "/v1/requests/{requestId}/refusal", PrivacyOfficer),
        Route("POST", "/v1/requests/{requestId}/cancellation", PrivacyOfficer),
        Route("GET", "/v1/requests/{requestId}/export", PrivacyOfficer),
        Route("GET", "/v1/requests/{requestId}/receipt", PrivacyOfficer),
        Route("POST", "/v1/requests/{requestId}/tasks/{registerId}/confirmation", PrivacyOfficer, Service),

        Route("POST", "/v1/campaigns", CampaignOperator),
        Route("POST", "/v1/campaigns/uploads", CampaignOperator),
        Route("GET", "/v1/campaigns", PrivacyOfficer, CampaignOperator),
        Route("GET", "/v1/campaigns/{campaignId}", PrivacyOfficer, CampaignOperator),
        Route("GET", "/v1/campaigns/{campaignId}/items", PrivacyOfficer, CampaignOperator),
        Route("POST", "/v1/campaigns/{campaignId}/pause", CampaignOperator),
        Route("POST", "/v1/campaigns/{campaignId}/resume", CampaignOperator),
        Route("POST", "/v1/campaigns/{campaignId}/cancel", CampaignOperator),
        Route("POST", "/v1/retention/sweeps", CampaignOperator),
        // Re-shredding after a restore is an operator's recovery step, for the administrator alone.
        Route("POST", "/v1/erasures/reconcile"),

        // gRPC API v1 (src/PrivacyLedger.Grpc.Contracts): each method takes the roles of the HTTP route it mirrors.
        Open("POST", "/grpc.health.v1.Health/Check"),
        Open("POST", "/grpc.health.v1.Health/Watch"),
        Open("POST", "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"),
        Open("POST", "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"),
        Grpc("PermissionService/Check", PrivacyOfficer, Service, Marketing),
        Grpc("PermissionService/CheckBatch", PrivacyOfficer, Service, Marketing),
        Grpc("PermissionService/CheckStream", PrivacyOfficer, Service, Marketing),
        Grpc("SubjectService/Enrol", Service),
        Grpc("SubjectService/Lookup", PrivacyOfficer),
        Grpc("SubjectService/GetSubject", PrivacyOfficer),
        Grpc("SubjectService/GrantConsent", PrivacyOfficer, Service),
        Grpc("SubjectService/WithdrawConsent", PrivacyOfficer, Service),
        Grpc("SubjectService/Object", PrivacyOfficer, Service),
        Grpc("SubjectService/WithdrawObjection", PrivacyOfficer, Service),
        Grpc("SubjectService/Restrict", PrivacyOfficer),
        Grpc("SubjectService/LiftRestriction", PrivacyOfficer),
        // Each change of the batch is also held to its own method's row.
        Grpc("SubjectService/ApplyChanges", PrivacyOfficer, Service),
        Grpc("RegisterService/ListRegisters", PrivacyOfficer, Service, CampaignOperator),
        Grpc("RegisterService/GetRegister", PrivacyOfficer, Service, CampaignOperator),
        Grpc("RegisterService/ListRegisterMembers", PrivacyOfficer, CampaignOperator),
        Grpc("LedgerService/ReadLedger", PrivacyOfficer),
        Grpc("LedgerService/VerifyLedger", PrivacyOfficer),
        Grpc("RequestService/CreateRightsRequest", PrivacyOfficer, Service),
        Grpc("RequestService/GetRightsRequest", PrivacyOfficer),
        Grpc("RequestService/ListRightsRequests", PrivacyOfficer),
        Grpc("RequestService/VerifyRightsRequest", PrivacyOfficer),
        Grpc("RequestService/ExtendRightsRequest", PrivacyOfficer),
        Grpc("RequestService/RefuseRightsRequest", PrivacyOfficer),
        Grpc("RequestService/CancelRightsRequest", PrivacyOfficer),
        Grpc("RequestService/ConfirmRightsTask", PrivacyOfficer, Service),
        Grpc("CampaignService/StartCampaign", CampaignOperator),
        Grpc("CampaignService/GetCampaign", PrivacyOfficer, CampaignOperator),
        Grpc("CampaignService/PauseCampaign", CampaignOperator),
        Grpc("CampaignService/ResumeCampaign", CampaignOperator),
        Grpc("CampaignService/CancelCampaign", CampaignOperator),
        // No HTTP route: the stream of what GET /v1/campaigns/{campaignId} shows, so that route's roles.
        Grpc("CampaignService/WatchCampaignProgress", PrivacyOfficer, CampaignOperator),
        // The cluster's state holds no personal data: the metrics role (monitoring) reads it; the dashboard, which also
        // shows grain ids and can trace calls, is the admin's alone.
        Route("GET", "/v1/cluster", Metrics),
        Route("GET", "/dashboard/{**path}"),
        // Counts of data keys per master key version: the operator of a key rotation (admin) alone.
        Route("GET", "/v1/keys/rotation"),
    ];

    /// <summary>
    /// The console's own rows (Console/): who may hold a console session (GET /console, checked at sign-in and on every
    /// page) and the pages anyone may open. Every other console page and action names the API route above that it
    /// stands for, and is allowed to a role exactly when that route is.
    /// </summary>
    public static readonly IReadOnlyList<RouteAccess> Console =
    [
        Route("GET", "/console", PrivacyOfficer, CampaignOperator),
        Route("POST", "/console/sign-out", PrivacyOfficer, CampaignOperator),
        Open("GET", "/console/sign-in"),
        Open("POST", "/console/sign-in"),
        Open("POST", "/console/language"),
    ];

    private static readonly Dictionary<(string Method, string Pattern), RouteAccess> ByRoute =
        Routes.ToDictionary(r => (r.Method, r.Pattern));

    /// <summary>The row for a route, matched on method and template (a trailing slash does not count).</summary>
    public static RouteAccess? Find(string method, string pattern) =>
        ByRoute.GetValueOrDefault((method, Normalize(pattern)));

    private static string Normalize(string pattern) => pattern.Length > 1 ? pattern.TrimEnd('/') : pattern;

    private static RouteAccess Route(string method, string pattern, params string[] roles) => new(method, pattern, roles);

    /// <summary>A gRPC method of package privacy_ledger.v1: always POST to <c>/privacy_ledger.v1.{Service}/{Method}</c>.</summary>
    private static RouteAccess Grpc(string method, params string[] roles) => new("POST", $"/privacy_ledger.v1.{method}", roles);

    private static RouteAccess Open(string method, string pattern) => new(method, pattern, [], Anonymous: true);
}
