
namespace PrivacyLedger.Gateway.OfficerConsole;

/// <summary>One entry of the console's navigation: its text key, its page and the matrix row that page stands for.</summary>
public sealed record ConsoleNavItem(string TextKey, string Page, string Path, ConsoleAccessAttribute Access)
{
    public bool Allows(string? role) => Access.Row is { } row && ConsoleAccessFilter.Allows(row, role);
}

/// <summary>The navigation: a role sees only the entries it may open, by the same rows as the pages they lead to.</summary>
public static class ConsoleNavigation
{
    public static readonly IReadOnlyList<ConsoleNavItem> Items =
    [
        new("nav.queue", "/Queue", "/console/queue", new("GET", "/v1/requests")),
        new("nav.person", "/Person/Index", "/console/person", new("GET", "/v1/subjects/{subjectId}")),
        new("nav.campaigns", "/Campaigns/Index", "/console/campaigns", new("GET", "/v1/campaigns/{campaignId}")),
        new("nav.registers", "/Registers/Index", "/console/registers", new("GET", "/v1/registers")),
    ];

    public static IEnumerable<ConsoleNavItem> For(string? role) => Items.Where(item => item.Allows(role));
}
