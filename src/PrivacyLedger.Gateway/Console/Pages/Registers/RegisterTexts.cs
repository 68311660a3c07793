namespace PrivacyLedger.Gateway.OfficerConsole.Pages.Registers;

/// <summary>The registers page's texts.</summary>
internal static class RegisterTexts
{
    [ConsoleTexts]
    public static readonly IReadOnlyDictionary<string, (string En, string Fi)> Texts = new Dictionary<string, (string En, string Fi)>
    {
        ["registers.chart"] = ("Members and open rights requests per register", "Jäsenet ja avoimet oikeuspyynnöt rekistereittäin"),
        ["registers.chart-caption"] = ("Each bar is scaled to the largest of its kind; the table below gives the same numbers.",
            "Kukin palkki on suhteutettu lajinsa suurimpaan; alla oleva taulukko antaa samat luvut."),
        ["registers.register"] = ("Register", "Rekisteri"),
        ["registers.members"] = ("Members", "Jäsenet"),
        ["registers.open-requests"] = ("Open requests", "Avoimet pyynnöt"),
        ["registers.id"] = ("Id", "Tunnus"),
        ["registers.version"] = ("version {0}, {1}", "versio {0}, {1}"),
        ["registers.controller"] = ("Controller", "Rekisterinpitäjä"),
        ["registers.deadline"] = ("Answer deadline", "Vastausaika"),
        ["registers.deadline-months"] = ("{0} month(s)", "{0} kk"),
        ["registers.flagged"] = ("longer than the law's month", "pidempi kuin lain kuukausi"),
        ["registers.flags"] = ("Flags", "Huomiot"),
        ["registers.names"] = ("Name and description", "Nimi ja kuvaus"),
        ["registers.name"] = ("Name", "Nimi"),
        ["registers.description"] = ("Description", "Kuvaus"),
        ["registers.lang.fi"] = ("Finnish", "suomi"),
        ["registers.lang.sv"] = ("Swedish", "ruotsi"),
        ["registers.lang.en"] = ("English", "englanti"),
        ["registers.not-given"] = ("(not given in this language)", "(ei annettu tällä kielellä)"),
        ["registers.purposes"] = ("Purposes", "Käyttötarkoitukset"),
        ["registers.purpose"] = ("Purpose", "Käyttötarkoitus"),
        ["registers.legal-basis"] = ("Legal basis", "Oikeusperuste"),
        ["registers.basis.Consent"] = ("consent", "suostumus"),
        ["registers.basis.Contract"] = ("contract", "sopimus"),
        ["registers.basis.LegalObligation"] = ("legal obligation", "lakisääteinen velvoite"),
        ["registers.basis.LegitimateInterest"] = ("legitimate interest", "oikeutettu etu"),
        ["registers.objections"] = ("Stopped by objections", "Kielto estää"),
        ["registers.categories"] = ("Data categories", "Tietoryhmät"),
        ["registers.category"] = ("Category", "Tietoryhmä"),
        ["registers.special"] = ("special", "erityinen"),
        ["registers.external"] = ("external system", "ulkoinen järjestelmä"),
        ["registers.retention"] = ("Retention", "Säilytysaika"),
        ["registers.retention.while-member"] = ("while a member", "jäsenyyden ajan"),
        ["registers.retention.while-role"] = ("while the role lasts", "tehtävän ajan"),
        ["registers.retention.years"] = ("{0} years from collection", "{0} vuotta keräämisestä"),
        ["registers.retention.years-activity"] = ("{0} years from last activity", "{0} vuotta viimeisestä asioinnista"),
        ["registers.retention.days"] = ("{0} days from collection", "{0} päivää keräämisestä"),
        ["registers.retention.days-activity"] = ("{0} days from last activity", "{0} päivää viimeisestä asioinnista"),
        ["registers.legal-hold"] = ("Legal hold", "Lakisääteinen säilytys"),
        ["registers.hold"] = ("{0} years ({1})", "{0} vuotta ({1})"),
    };
}
