using System.Globalization;

namespace PrivacyLedger.Gateway.OfficerConsole.Pages;

/// <summary>
/// Numbers as the officer reads them, for the person, campaigns and registers pages. The gateway runs
/// globalization-invariant, so the language's separators are put in by hand: 1 234 567,5 in Finnish, 1,234,567.5 in English.
/// </summary>
public static class PageNumbers
{
    public static string Whole(this ConsoleText text, double value) => Localize(text, value.ToString("N0", CultureInfo.InvariantCulture));

    public static string Decimal(this ConsoleText text, double value) => Localize(text, value.ToString("#,0.#", CultureInfo.InvariantCulture));

    private static string Localize(ConsoleText text, string invariant) =>
        text.Language == ConsoleLanguage.Finnish
            ? invariant.Replace(",", "\u00a0", StringComparison.Ordinal).Replace('.', ',')
            : invariant;
}
