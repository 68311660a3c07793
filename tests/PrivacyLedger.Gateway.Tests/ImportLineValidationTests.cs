using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// An import line that breaks a body rule (a null in a list, a control character, an overlong or wrongly typed field)
/// fails alone, named by line and field, and the other lines are imported; on both engines
/// (<see cref="PostgresImportLineValidationTests"/>, <see cref="SqliteImportLineValidationTests"/>).
/// </summary>
public abstract class ImportLineValidationTests : GatewayTestBase
{
    private const string Elamasi = "elamasi-kunnossa-customers";
    private const string Secret = "Xsecret9";

    private HttpClient Admin => Gateway.ClientFor("admin");

    private static string Email() => $"l-{Guid.NewGuid():N}@example.fi";

    private static string Line(string email, string? externalId = null) =>
        JsonSerializer.Serialize(new { identifiers = new[] { new { kind = "email", value = email } }, externalId, categories = new[] { new { id = "basic-data" } }, source = "crm" });

    [Fact]
    public async Task Lines_breaking_a_body_rule_fail_alone_by_field_and_the_rest_is_imported()
    {
        var (first, last) = (Email(), Email());
        string[] lines =
        [
            Line(first),
            """{"identifiers":[null]}""",
            $$$"""{"identifiers":[{"kind":"email","value":"{{{Email()}}}"}],"categories":[null]}""",
            $$$"""{"identifiers":[{"kind":"email","value":"{{{Secret}}}\u202E@example.fi"}]}""",
            Line(Email(), externalId: new string('x', 100_000)),
            $$$"""{"identifiers":[{"kind":"email","value":"{{{Email()}}}"}],"lastActivityAt":"{{{Secret}}}"}""",
            $$$"""{"identifiers":[{"kind":"email","value":"{{{Email()}}}"}],"contact":{"givenName":"{{{Secret}}}\u0000"}}""",
            Line(last),
        ];

        var response = await Admin.PostAsync($"/v1/imports?registerId={Elamasi}",
            new StringContent(string.Join('\n', lines) + "\n", Encoding.UTF8, "application/x-ndjson"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        var outcome = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((8L, 2L, 6L), (outcome["rows"]!.GetValue<long>(), outcome["created"]!.GetValue<long>(), outcome["failed"]!.GetValue<long>()));
        var errors = outcome["errors"]!.AsArray().Select(e => (e!["line"]!.GetValue<long>(), e["field"]!.GetValue<string>())).ToList();
        Assert.Equal(
        [
            (2L, "identifiers[0]"), (3L, "categories[0]"), (4L, "identifiers[0].value"), (5L, "externalId"), (6L, "lastActivityAt"), (7L, "contact.givenName"),
        ], errors);
        Assert.Equal("lastActivityAt must be a date and time in ISO 8601 form, e.g. 2026-01-31T09:00:00Z.", outcome["errors"]![4]!["detail"]!.GetValue<string>());
        Assert.DoesNotContain(Secret, text, StringComparison.OrdinalIgnoreCase);
        foreach (var email in new[] { first, last })
        {
            Assert.Equal(HttpStatusCode.OK, (await Admin.GetAsync($"/v1/subjects?identifier=email:{Uri.EscapeDataString(email)}")).StatusCode);
        }
    }
}

[Collection(PostgresCollection2.Name)]
public sealed class PostgresImportLineValidationTests(PostgresClusterFixture postgres) : ImportLineValidationTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteImportLineValidationTests : ImportLineValidationTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
