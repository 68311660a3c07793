using System.Text.Json;
using PrivacyLedger.Ledger.Requests;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Ledger.Tests.Compact;

/// <summary>Plaintexts as the ledger seals them: the import's event data, contact data, request details.</summary>
internal static class PlainSamples
{
    /// <summary>A person of the import benchmark's file (PeopleFile.cs) as SubjectImporter.Build writes its event data.</summary>
    public static object ImportData(int i, bool withIdentityCode = false, bool twoRegisters = false)
    {
        List<object> identifiers = [new { kind = "email", value = $"person{i}@example.fi" }, new { kind = "phone", value = $"+35840{i:D7}" }, new { kind = "customer-number", value = $"C{i:D8}" }];
        if (withIdentityCode)
        {
            identifiers.Add(new { kind = "hetu", value = "131052-308T" });
        }
        List<object> memberships = [new { registerId = "pk-terveys-customers", externalId = $"pk-t-{i}", categories = new[] { "basic-data" }, source = "benchmark-export" }];
        if (twoRegisters)
        {
            memberships.Add(new { registerId = "elamasi-kunnossa-customers", externalId = $"elam-{i}", categories = new[] { "basic-data" }, source = "benchmark-export" });
        }
        return new { identifiers, contact = Contact(i), memberships };
    }

    public static ContactData Contact(int i) =>
        new() { GivenName = "Väinö", FamilyName = "Hämäläinen", Address = $"Testikatu {i % 200 + 1}, 00{i % 990 + 100:D3} Helsinki", Language = "fi" };

    public static RequestDetails Details => new()
    {
        Contact = new ContactData { Email = "maija@example.fi", Phone = "+358401234567" },
        Source = "population-register",
        Scope = "marketing",
        Channels = ["email", "sms"],
        Reason = "Muutin \"uuteen\" osoitteeseen.\nKiitos!",
    };

    public static byte[] Json(object value) => JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), LedgerJson.Options);
}
