namespace PrivacyLedger.Gateway.Security;

/// <summary>The caller roles (R12: each allows only what its job needs) and the rights each holds.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string PrivacyOfficer = "privacy-officer";
    public const string Service = "service";
    public const string Marketing = "marketing";
    public const string CampaignOperator = "campaign-operator";
    public const string Metrics = "metrics";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Admin, PrivacyOfficer, Service, Marketing, CampaignOperator, Metrics };
}

/// <summary>Authorization policies, one per right; the route groups name them.</summary>
public static class Rights
{
    public const string ReadRegisters = "registers:read";
    public const string WriteRegisters = "registers:write";
    public const string ListMembers = "registers:members";
    public const string Enrol = "subjects:enrol";
    public const string ReadSubjects = "subjects:read";
    public const string ChangePreferences = "subjects:preferences";
    public const string Restrict = "subjects:restrict";
    public const string CheckPermissions = "permissions:check";
    public const string ReadLedger = "ledger:read";
    public const string CreateRequests = "requests:create";
    public const string ManageRequests = "requests:manage";
    public const string ConfirmTasks = "requests:confirm";
    public const string RunCampaigns = "campaigns:run";
    public const string SweepRetention = "retention:sweep";
    public const string ReadMetrics = "metrics:read";

    /// <summary>Which roles hold which right. Admin holds all.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Holders = new Dictionary<string, string[]>
    {
        [ReadRegisters] = [Roles.Admin, Roles.PrivacyOfficer, Roles.Service, Roles.CampaignOperator],
        [WriteRegisters] = [Roles.Admin, Roles.PrivacyOfficer],
        [ListMembers] = [Roles.Admin, Roles.PrivacyOfficer, Roles.CampaignOperator],
        [Enrol] = [Roles.Admin, Roles.Service],
        [ReadSubjects] = [Roles.Admin, Roles.PrivacyOfficer, Roles.Service],
        [ChangePreferences] = [Roles.Admin, Roles.PrivacyOfficer, Roles.Service],
        [Restrict] = [Roles.Admin, Roles.PrivacyOfficer],
        [CheckPermissions] = [Roles.Admin, Roles.PrivacyOfficer, Roles.Service, Roles.Marketing],
        [ReadLedger] = [Roles.Admin, Roles.PrivacyOfficer],
        [CreateRequests] = [Roles.Admin, Roles.PrivacyOfficer, Roles.Service],
        [ManageRequests] = [Roles.Admin, Roles.PrivacyOfficer],
        [ConfirmTasks] = [Roles.Admin, Roles.PrivacyOfficer, Roles.Service],
        [RunCampaigns] = [Roles.Admin, Roles.CampaignOperator],
        [SweepRetention] = [Roles.Admin, Roles.PrivacyOfficer, Roles.CampaignOperator],
        [ReadMetrics] = [Roles.Admin, Roles.Metrics],
    };
}
