namespace PrivacyLedger.Gateway.OfficerConsole.Pages;

/// <summary>The queue's texts, and the request types' and statuses' names that the request page shares.</summary>
public static class QueueStrings
{
    [ConsoleTexts]
    public static readonly IReadOnlyDictionary<string, (string En, string Fi)> Texts = new Dictionary<string, (string En, string Fi)>
    {
        ["queue.title"] = ("Request queue", "Pyyntöjono"),
        ["queue.filters"] = ("Filters", "Suodattimet"),
        ["queue.type"] = ("Type", "Tyyppi"),
        ["queue.status"] = ("Status", "Tila"),
        ["queue.register"] = ("Register", "Rekisteri"),
        ["queue.due-from"] = ("Due from", "Määräaika alkaen"),
        ["queue.due-to"] = ("Due by", "Määräaika viimeistään"),
        ["queue.overdue-only"] = ("Overdue only", "Vain myöhässä olevat"),
        ["queue.any"] = ("Any", "Kaikki"),
        ["queue.open"] = ("Open (any)", "Avoimet (kaikki)"),
        ["queue.apply"] = ("Show", "Näytä"),
        ["queue.clear"] = ("Clear filters", "Tyhjennä suodattimet"),
        ["queue.overdue-count"] = ("Overdue: {0}", "Myöhässä: {0}"),
        ["queue.due-this-week"] = ("Due this week: {0}", "Erääntyy tällä viikolla: {0}"),
        ["queue.due"] = ("Due", "Määräaika"),
        ["queue.received"] = ("Received", "Vastaanotettu"),
        ["queue.registers"] = ("Registers", "Rekisterit"),
        ["queue.request"] = ("Request", "Pyyntö"),
        ["queue.all-registers"] = ("All of the person's", "Kaikki henkilön"),
        ["queue.overdue"] = ("Overdue", "Myöhässä"),
        ["queue.days-left"] = ("{0} d left", "{0} pv jäljellä"),
        ["queue.empty"] = ("No requests match.", "Ei hakua vastaavia pyyntöjä."),
        ["queue.next"] = ("Next page", "Seuraava sivu"),
        ["queue.first"] = ("First page", "Ensimmäinen sivu"),
        ["queue.pages"] = ("Pages", "Sivut"),
        ["queue.bad-value"] = ("Choose one of the listed values.", "Valitse jokin luettelon arvoista."),
        ["queue.bad-date"] = ("Give a date as YYYY-MM-DD.", "Anna päivämäärä muodossa VVVV-KK-PP."),
        ["type.access"] = ("Access", "Tarkastus"),
        ["type.portability"] = ("Portability", "Siirto"),
        ["type.rectification"] = ("Rectification", "Oikaisu"),
        ["type.erasure"] = ("Erasure", "Poisto"),
        ["type.restriction"] = ("Restriction", "Käsittelyn rajoitus"),
        ["type.objection"] = ("Objection", "Vastustus"),
        ["type.consent-withdrawal"] = ("Consent withdrawal", "Suostumuksen peruutus"),
        ["status.received"] = ("Received", "Vastaanotettu"),
        ["status.verified"] = ("Verified", "Varmennettu"),
        ["status.in-progress"] = ("In progress", "Käsittelyssä"),
        ["status.completed"] = ("Completed", "Valmis"),
        ["status.partially-completed"] = ("Partially completed", "Osittain valmis"),
        ["status.refused"] = ("Refused", "Evätty"),
        ["status.cancelled"] = ("Cancelled", "Peruttu"),
    };
}
