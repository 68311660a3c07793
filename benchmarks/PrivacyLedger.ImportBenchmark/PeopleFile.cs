using System.Globalization;
using System.Text.Json;
using PrivacyLedger.Benchmarks.Shared;

namespace PrivacyLedger.ImportBenchmark;

/// <summary>
/// Writes the benchmark's people as JSON Lines: person i is in one of three registers (i mod 3) and every tenth
/// person also in the next one, on the line right after (one export per person, registers side by side).
/// Everyone has an email, a phone and a customer number; every third person a valid personal identity code.
/// </summary>
internal static class PeopleFile
{
    public static readonly string[] Registers = ["elamasi-kunnossa-customers", "perhelaakarit-customers", "pk-terveys-customers"];

    public static long Write(string path, int people)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var json = new Utf8JsonWriter(stream);
        long lines = 0;
        for (var i = 0; i < people; i++)
        {
            WriteLine(json, stream, i, Registers[i % 3]);
            lines++;
            if (i % 10 == 0)
            {
                WriteLine(json, stream, i, Registers[(i + 1) % 3]);
                lines++;
            }
        }
        return lines;
    }

    private static void WriteLine(Utf8JsonWriter json, Stream stream, int i, string registerId)
    {
        json.Reset(stream);
        json.WriteStartObject();
        json.WriteString("registerId", registerId);
        json.WriteStartArray("identifiers");
        Identifier(json, "email", $"person{i}@example.fi");
        Identifier(json, "phone", $"+35840{i:D7}");
        Identifier(json, "customer-number", $"C{i:D8}");
        if (i % 3 == 0)
        {
            Identifier(json, "hetu", SyntheticIdentityCodes.For(i));
        }
        json.WriteEndArray();
        json.WriteString("externalId", $"{registerId[..4]}-{i}");
        json.WriteStartObject("contact");
        json.WriteString("givenName", GivenNames[i % GivenNames.Length]);
        json.WriteString("familyName", FamilyNames[i / 7 % FamilyNames.Length]);
        json.WriteString("address", $"Testikatu {i % 200 + 1}, 00{i % 990 + 100:D3} Helsinki");
        json.WriteString("language", i % 6 == 0 ? "sv" : "fi");
        json.WriteEndObject();
        json.WriteStartArray("categories");
        json.WriteStartObject();
        json.WriteString("id", "basic-data");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("source", "benchmark-export");
        json.WriteString("lastActivityAt", new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i).ToString("O", CultureInfo.InvariantCulture));
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void Identifier(Utf8JsonWriter json, string kind, string value)
    {
        json.WriteStartObject();
        json.WriteString("kind", kind);
        json.WriteString("value", value);
        json.WriteEndObject();
    }

    private static readonly string[] GivenNames = ["Aino", "Eino", "Helmi", "Väinö", "Siiri", "Onni", "Linnea", "Elias", "Aada", "Leo"];

    private static readonly string[] FamilyNames = ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen", "Koskinen", "Järvinen"];
}
