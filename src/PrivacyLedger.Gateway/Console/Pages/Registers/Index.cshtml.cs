using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyLedger.Ledger.Registers;

namespace PrivacyLedger.Gateway.OfficerConsole.Pages.Registers;

/// <summary>
/// The registers: each definition in Finnish, Swedish and English (R11), its purposes, categories with retention and
/// legal holds, and a chart of members and open rights requests per register (server-drawn SVG, numbers in text too).
/// </summary>
[ConsoleAccess("GET", "/v1/registers")]
public sealed class RegistersModel(RegisterCatalog catalog, RegisterStatistics statistics) : PageModel
{
    /// <summary>The languages each text is shown in, in the order the statements give them.</summary>
    public static readonly IReadOnlyList<string> Languages = ["fi", "sv", "en"];

    public IReadOnlyList<StoredRegister> Registers { get; private set; } = [];

    public IReadOnlyList<RegisterCounts> Counts { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Registers = await catalog.ListAsync();
        Counts = await statistics.CountAsync(HttpContext.RequestAborted);
    }

    public static string? In(LocalizedText? text, string language) => language switch
    {
        "fi" => text?.Fi,
        "sv" => text?.Sv,
        _ => text?.En,
    };

    /// <summary>A bar's length in the chart's units: its share of the largest value, a sliver for any value above nought.</summary>
    public static double Bar(long value, long largest, double width) =>
        value <= 0 || largest <= 0 ? 0 : Math.Max(2, Math.Round(width * value / largest, 1));
}
