using System.Collections.Frozen;
using System.Reflection;

namespace PrivacyLedger.Gateway.OfficerConsole;

/// <summary>
/// Marks a static dictionary of console texts (key → English and Finnish). Each part of the console keeps its own
/// (<see cref="ConsoleStrings.Shell"/>, the queue's, the request page's, ...) beside its pages; they are merged once.
/// </summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class ConsoleTextsAttribute : Attribute;

/// <summary>The console's dictionary, merged from every <see cref="ConsoleTextsAttribute"/> field; a key defined twice stops the start.</summary>
public static class ConsoleStrings
{
    [ConsoleTexts]
    public static readonly IReadOnlyDictionary<string, (string En, string Fi)> Shell = new Dictionary<string, (string En, string Fi)>
    {
        ["app.title"] = ("Privacy ledger console", "Tietosuojakirjanpidon konsoli"),
        ["app.skip"] = ("Skip to content", "Siirry sisältöön"),
        ["nav.label"] = ("Main", "Päävalikko"),
        ["nav.queue"] = ("Queue", "Jono"),
        ["nav.person"] = ("Person", "Henkilö"),
        ["nav.campaigns"] = ("Campaigns", "Kampanjat"),
        ["nav.registers"] = ("Registers", "Rekisterit"),
        ["nav.signed-in-as"] = ("Signed in as {0} ({1})", "Kirjautunut: {0} ({1})"),
        ["nav.sign-out"] = ("Sign out", "Kirjaudu ulos"),
        ["lang.label"] = ("Language", "Kieli"),
        ["lang.switch"] = ("Change", "Vaihda"),
        ["lang.fi"] = ("Suomi", "Suomi"),
        ["lang.en"] = ("English", "English"),
        ["signin.title"] = ("Sign in", "Kirjaudu sisään"),
        ["signin.intro"] = ("Sign in with your API key. The console is for the privacy officer, the administrator and the campaign operator.",
            "Kirjaudu API-avaimellasi. Konsoli on tietosuojavastaavalle, ylläpitäjälle ja kampanjoiden hoitajalle."),
        ["signin.key"] = ("API key", "API-avain"),
        ["signin.submit"] = ("Sign in", "Kirjaudu"),
        ["signin.unknown-key"] = ("That key is not valid.", "Avain ei kelpaa."),
        ["signin.missing-key"] = ("Enter your API key.", "Anna API-avaimesi."),
        ["signin.role-refused"] = ("This key's role ({0}) may not use the console. Ask for a privacy officer's key.",
            "Tämän avaimen rooli ({0}) ei voi käyttää konsolia. Pyydä tietosuojavastaavan avain."),
        ["signin.https-required"] = ("Sign in over HTTPS: a key sent over plain HTTP could be read on the way.",
            "Kirjaudu HTTPS-yhteydellä: salaamattomana lähetetty avain voidaan lukea matkalla."),
        ["signin.signed-out"] = ("You have signed out.", "Olet kirjautunut ulos."),
        ["forbidden.title"] = ("Not allowed", "Ei sallittu"),
        ["forbidden.text"] = ("Your role may not see this page or do this.", "Roolisi ei salli tämän sivun katsomista tai tätä toimintoa."),
        ["forbidden.back"] = ("Back to the console", "Takaisin konsoliin"),
        ["placeholder.text"] = ("This page is being built.", "Tätä sivua rakennetaan."),
        ["home.title"] = ("Console", "Konsoli"),
        ["home.nothing"] = ("Your role has no pages here yet.", "Roolillesi ei vielä ole sivuja täällä."),
    };

    public static readonly FrozenDictionary<string, (string En, string Fi)> All = Merge();

    private static FrozenDictionary<string, (string En, string Fi)> Merge()
    {
        var all = new Dictionary<string, (string En, string Fi)>(StringComparer.Ordinal);
        var sources = typeof(ConsoleStrings).Assembly.GetTypes()
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(field => field.IsDefined(typeof(ConsoleTextsAttribute)));
        foreach (var source in sources)
        {
            foreach (var (key, text) in (IReadOnlyDictionary<string, (string En, string Fi)>)source.GetValue(null)!)
            {
                if (!all.TryAdd(key, text))
                {
                    throw new InvalidOperationException($"Console text '{key}' is defined twice (again in {source.DeclaringType?.Name}).");
                }
            }
        }
        return all.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static string? Find(string key, string language) =>
        All.TryGetValue(key, out var text) ? (language == ConsoleLanguage.Finnish ? text.Fi : text.En) : null;
}
