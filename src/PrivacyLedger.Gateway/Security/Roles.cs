namespace PrivacyLedger.Gateway.Security;

/// <summary>The caller roles (R12): each allows only what its job needs, as <see cref="AccessMatrix"/> decides per route.</summary>
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
