using System.Globalization;

namespace PrivacyLedger.Gateway.OfficerConsole;

/// <summary>
/// Every string the console shows, in the request's language (<see cref="ConsoleLanguage"/>). Pages inject it as
/// <c>T</c>: <c>@T["nav.queue"]</c>, <c>@T.Format("queue.due-this-week", count)</c>. A key without a text shows
/// itself in brackets, so a missing one is seen at once (and ConsoleTextTests fails).
/// </summary>
public sealed class ConsoleText(IHttpContextAccessor accessor)
{
    private string? _language;

    public string Language => _language ??= accessor.HttpContext is { } context ? ConsoleLanguage.Choose(context.Request) : ConsoleLanguage.English;

    private bool Finnish => Language == ConsoleLanguage.Finnish;

    public string this[string key] => ConsoleStrings.Find(key, Language) ?? $"[{key}]";

    public string Format(string key, params object?[] values) => string.Format(CultureInfo.InvariantCulture, this[key], values);

    // The gateway runs globalization-invariant (no culture data), so dates are formatted by pattern: numeric, in each
    // language's usual order, always UTC.

    /// <summary>A moment as the officer reads it: date and time in UTC.</summary>
    public string Time(DateTimeOffset at) =>
        at.UtcDateTime.ToString(Finnish ? "d.M.yyyy 'klo' H.mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>A name kept in several languages (a register's), in the console's language or the other one.</summary>
    public string? Name(Ledger.Registers.LocalizedText name) => Finnish ? name.Fi ?? name.En : name.En ?? name.Fi;

    public string Date(DateTimeOffset at) => at.UtcDateTime.ToString(Finnish ? "d.M.yyyy" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
