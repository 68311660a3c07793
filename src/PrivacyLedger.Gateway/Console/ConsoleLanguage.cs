namespace PrivacyLedger.Gateway.OfficerConsole;

/// <summary>The console's languages: the visitor's choice (a cookie set by the switch), else Accept-Language, else English.</summary>
public static class ConsoleLanguage
{
    public const string Finnish = "fi";
    public const string English = "en";
    public const string CookieName = "pl-console-lang";

    public static readonly IReadOnlyList<string> All = [Finnish, English];

    public static string Choose(HttpRequest request)
    {
        if (request.Cookies.TryGetValue(CookieName, out var chosen) && All.Contains(chosen))
        {
            return chosen!;
        }
        var accepted = request.GetTypedHeaders().AcceptLanguage
            .Where(language => language.Quality is null or > 0)
            .OrderByDescending(language => language.Quality ?? 1);
        foreach (var language in accepted)
        {
            var primary = language.Value.Value?.Split('-')[0].ToLowerInvariant();
            if (primary is not null && All.Contains(primary))
            {
                return primary;
            }
        }
        return English;
    }
}
