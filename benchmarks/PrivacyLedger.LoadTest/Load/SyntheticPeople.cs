using System.Buffers;
using System.Globalization;
using System.Text.Json;
using PrivacyLedger.Benchmarks.Shared;

namespace PrivacyLedger.LoadTest.Load;

/// <summary>
/// Made-up people, the same for the same number on every run: an e-mail address for everyone, a valid personal
/// identity code for the two health-care customer registers' people, contact data, a category and dates. Person i
/// belongs to register i mod 4; every tenth of the first 100,000 also to the next register (a second enrolment of the
/// same identifiers, which the gateway answers with the existing subject, one by one: capped so it does not dominate
/// seeding a million).
/// </summary>
internal static class SyntheticPeople
{
    public static readonly IReadOnlyList<string> Registers =
        ["plusterveys-corporate", "perhelaakarit-customers", "pk-terveys-customers", "elamasi-kunnossa-customers"];

    // A category each register defines (samples/registers).
    private static readonly string[] Categories = ["contact-person", "basic-data", "basic-data", "basic-data"];
    private static readonly string[] GivenNames = ["Aino", "Eino", "Helmi", "Väinö", "Ella", "Onni", "Sofia", "Leo", "Linnea", "Elias"];
    private static readonly string[] FamilyNames = ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen", "Lindholm", "Björk"];
    private static readonly DateTimeOffset Epoch = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static int RegisterIndex(int person, int membership) => (person + membership) % Registers.Count;

    public static bool HasSecondMembership(int person) => person % 10 == 0 && person < 100_000;

    public static string Email(int person) => $"person{person}@load-test.example";

    public static string PersonalIdentityCode(int person) => SyntheticIdentityCodes.For(person);

    /// <summary>The enrolment body of <c>POST /v1/registers/{id}/members</c>; with <paramref name="withRegisterId"/>, an import line.</summary>
    public static void Write(Utf8JsonWriter json, int person, int membership, bool withRegisterId)
    {
        var register = RegisterIndex(person, membership);
        json.WriteStartObject();
        if (withRegisterId)
        {
            json.WriteString("registerId", Registers[register]);
        }
        json.WriteStartArray("identifiers");
        WriteIdentifier(json, "email", Email(person));
        if (register % 2 == 1)
        {
            WriteIdentifier(json, "hetu", PersonalIdentityCode(person));
        }
        json.WriteEndArray();
        json.WriteString("externalId", $"LT-{person}");
        json.WriteStartObject("contact");
        json.WriteString("givenName", GivenNames[person % GivenNames.Length]);
        json.WriteString("familyName", FamilyNames[person / GivenNames.Length % FamilyNames.Length]);
        json.WriteString("email", Email(person));
        json.WriteString("phone", $"+35840{person % 10_000_000:D7}");
        json.WriteString("language", person % 7 == 0 ? "sv" : "fi");
        json.WriteEndObject();
        json.WriteStartArray("categories");
        json.WriteStartObject();
        json.WriteString("id", Categories[register]);
        json.WriteString("collectedAt", Epoch.AddDays(person % 3_650));
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("source", "load-test");
        json.WriteString("lastActivityAt", Epoch.AddDays(person % 3_650).AddHours(person % 24));
        json.WriteEndObject();
    }

    public static byte[] EnrolmentBody(int person, int membership)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json, person, membership, withRegisterId: false);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteIdentifier(Utf8JsonWriter json, string kind, string value)
    {
        json.WriteStartObject();
        json.WriteString("kind", kind);
        json.WriteString("value", value);
        json.WriteEndObject();
    }
}
