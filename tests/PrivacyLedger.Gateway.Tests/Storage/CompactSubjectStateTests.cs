using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Ledger.Subjects;
using PrivacyLedger.Storage;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests.Storage;

/// <summary>
/// The subject's state reaches storage in its compact form (<see cref="SubjectStateCodec"/>) by both ways in: the bulk
/// import and a subject grain's own write, and answers through the API as before; a subject's row stored as JSON
/// before still answers, and is stored compact on its next write. Other grains' state stays JSON. On both engines.
/// </summary>
public abstract class CompactSubjectStateTests : GatewayTestBase
{
    private const string Perhe = "perhelaakarit-customers";

    [Fact]
    public async Task Imported_and_enrolled_people_are_stored_compact_and_answer_as_before()
    {
        var admin = Gateway.ClientFor("admin");
        var (imported, enrolled) = ($"c-{Guid.NewGuid():N}@example.fi", $"c-{Guid.NewGuid():N}@example.fi");
        var line = JsonSerializer.Serialize(new
        {
            registerId = Perhe,
            identifiers = new[] { new { kind = "email", value = imported }, new { kind = "hetu", value = "131052-308T" } },
            externalId = "perh-77",
            contact = new { givenName = "Väinö", familyName = "Hämäläinen", language = "fi" },
            categories = new[] { new { id = "basic-data" } },
            source = "crm-export",
        });
        var import = await admin.PostAsync("/v1/imports", new StringContent(line + "\n", Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var created = await admin.PostAsJsonAsync($"/v1/registers/{Perhe}/members",
            new { identifiers = new[] { new { kind = "email", value = enrolled } }, contact = new { givenName = "Siiri" }, categories = new[] { new { id = "basic-data" } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var importedSubject = await FindAsync(imported);
        var enrolledSubject = await FindAsync(enrolled);

        Assert.Equal("Hämäläinen", importedSubject["contact"]!["familyName"]!.GetValue<string>());
        Assert.Equal("perh-77", importedSubject["memberships"]![0]!["externalId"]!.GetValue<string>());
        Assert.Contains("******-***T", importedSubject.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Siiri", enrolledSubject["contact"]!["givenName"]!.GetValue<string>());
        foreach (var subject in new[] { importedSubject, enrolledSubject })
        {
            var row = await StoredAsync(subject["subjectId"]!.GetValue<string>());
            Assert.Equal(SubjectStateCodec.Version1, row[0]);
            Assert.InRange(row.Length, 1, 800);
        }
    }

    [Fact]
    public async Task A_subject_row_stored_as_json_answers_and_is_stored_compact_on_its_next_write()
    {
        var email = $"j-{Guid.NewGuid():N}@example.fi";
        string subjectId;
        // Enrolled by a gateway before this one, then its row put back as the JSON-only serializer stored it.
        await using (var before = NewGateway())
        {
            var created = await before.ClientFor("admin").PostAsJsonAsync($"/v1/registers/{Perhe}/members",
                new { identifiers = new[] { new { kind = "email", value = email } }, contact = new { givenName = "Helmi" }, categories = new[] { new { id = "basic-data" } } });
            subjectId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
        }
        var store = Gateway.Services.GetRequiredService<IGrainStateStore>();
        var key = new GrainKey("subject", subjectId);
        var stored = (await store.ReadAsync(key))!;
        var asJson = new JsonGrainStateSerializer().Serialize(Gateway.Services.GetRequiredService<IGrainStateSerializer>().Deserialize<SubjectState>(stored.Payload!));
        Assert.False((await store.WriteAsync([new StateWrite(key, stored.Version, asJson)]))[0].IsConflict);

        Assert.Equal("Helmi", (await FindAsync(email))["contact"]!["givenName"]!.GetValue<string>());
        var consent = await Gateway.ClientFor("admin").PutAsJsonAsync($"/v1/subjects/{subjectId}/consents/direct-marketing", new { channels = new[] { "email" }, source = "web-form" });
        Assert.Equal(HttpStatusCode.NoContent, consent.StatusCode);

        Assert.Equal(SubjectStateCodec.Version1, (await StoredAsync(subjectId))[0]);
        var reread = await FindAsync(email);
        Assert.Equal("Helmi", reread["contact"]!["givenName"]!.GetValue<string>());
        Assert.Contains("direct-marketing", reread.ToJsonString(), StringComparison.Ordinal);
    }

    private async Task<JsonObject> FindAsync(string email) =>
        (await Gateway.ClientFor("admin").GetFromJsonAsync<JsonObject>($"/v1/subjects?identifier=email:{Uri.EscapeDataString(email)}"))!;

    private async Task<byte[]> StoredAsync(string subjectId) =>
        (await Gateway.Services.GetRequiredService<IGrainStateStore>().ReadAsync(new GrainKey("subject", subjectId)))!.Payload!;
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresCompactSubjectStateTests(PostgresClusterFixture postgres) : CompactSubjectStateTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteCompactSubjectStateTests : CompactSubjectStateTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
