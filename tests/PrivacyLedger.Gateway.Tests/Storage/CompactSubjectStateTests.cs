using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Ledger.Crypto;
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
            Assert.Equal(SubjectStateCodec.Version2, row[0]);
            Assert.InRange(row.Length, 1, 800);
        }
    }

    [Fact]
    public async Task A_subject_row_an_earlier_version_stored_as_json_with_each_field_sealed_alone_answers_and_is_stored_compact_on_its_next_write()
    {
        var email = $"j-{Guid.NewGuid():N}@example.fi";
        string subjectId;
        // Enrolled by a gateway before this one, then its row put back as the JSON-only serializer stored it: each personal
        // field its own ciphertext under the person's key, no bundle.
        await using (var before = NewGateway())
        {
            var created = await before.ClientFor("admin").PostAsJsonAsync($"/v1/registers/{Perhe}/members", new
            {
                identifiers = new[] { new { kind = "email", value = email }, new { kind = "hetu", value = "131052-308T" } },
                externalId = "perh-88",
                contact = new { givenName = "Helmi" },
                categories = new[] { new { id = "basic-data" } },
                source = "crm-export",
            });
            subjectId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
        }
        var store = Gateway.Services.GetRequiredService<IGrainStateStore>();
        var key = new GrainKey("subject", subjectId);
        var stored = (await store.ReadAsync(key))!;
        var state = Gateway.Services.GetRequiredService<IGrainStateSerializer>().Deserialize<SubjectState>(stored.Payload!);
        var dataKey = (await Gateway.Services.GetRequiredService<DataKeyVault>().TryGetKeyAsync(subjectId))!;
        var earlier = EarlierForm(state, subjectId, dataKey.Key);
        Assert.DoesNotContain("sealedFields", earlier, StringComparison.Ordinal);
        Assert.False((await store.WriteAsync([new StateWrite(key, stored.Version, Encoding.UTF8.GetBytes(earlier))]))[0].IsConflict);

        var found = await FindAsync(email);
        Assert.Equal("Helmi", found["contact"]!["givenName"]!.GetValue<string>());
        Assert.Equal("perh-88", found["memberships"]![0]!["externalId"]!.GetValue<string>());
        Assert.Contains("******-***T", found.ToJsonString(), StringComparison.Ordinal);
        var consent = await Gateway.ClientFor("admin").PutAsJsonAsync($"/v1/subjects/{subjectId}/consents/direct-marketing", new { channels = new[] { "email" }, source = "web-form" });
        Assert.Equal(HttpStatusCode.NoContent, consent.StatusCode);

        var rewritten = await StoredAsync(subjectId);
        Assert.Equal(SubjectStateCodec.Version2, rewritten[0]);
        Assert.True(rewritten.Length < earlier.Length / 3, $"{earlier.Length} B as JSON, {rewritten.Length} B compact");
        var reread = await FindAsync(email);
        Assert.Equal("Helmi", reread["contact"]!["givenName"]!.GetValue<string>());
        Assert.Equal("perh-88", reread["memberships"]![0]!["externalId"]!.GetValue<string>());
        Assert.Contains("direct-marketing", reread.ToJsonString(), StringComparison.Ordinal);
        // The identity code, sealed alone before, is in the bundle now and still the person's own export's to show.
        var export = await ExportAsync(subjectId);
        Assert.Contains("131052-308T", export, StringComparison.Ordinal);
    }

    /// <summary>The state as the JSON-only serializer before the bundle stored it: each personal field sealed alone, the identity code too.</summary>
    private static string EarlierForm(SubjectState state, string subjectId, byte[] dataKey)
    {
        using var sealer = new FieldSealer(subjectId, dataKey);
        JsonObject Alone<T>(T value, string field) => new() { ["$sealed"] = Convert.ToBase64String(sealer.Seal(value, field)) };
        var row = JsonNode.Parse(new JsonGrainStateSerializer().Serialize(state))!.AsObject();
        row.Remove("sealedFields");
        row["contact"] = Alone(state.ContactOpened(sealer), SealedFields.Contact);
        for (var i = 0; i < state.Identifiers.Count; i++)
        {
            var identifier = state.Identifiers[i];
            var stored = row["identifiers"]![i]!.AsObject();
            stored["display"] = Alone(identifier.DisplayOpened(sealer)!, SealedFields.IdentifierDisplay);
            stored.Remove("code");
            if (identifier.CodeOpened(sealer) is { } code)
            {
                stored["sealed"] = Convert.ToBase64String(sealer.SealForSubject(Encoding.UTF8.GetBytes(code)));
            }
        }
        foreach (var (registerId, membership) in state.Memberships)
        {
            var stored = row["memberships"]![registerId]!.AsObject();
            stored["externalId"] = membership.ExternalIdOpened(sealer) is { } externalId ? Alone(externalId, SealedFields.MembershipExternalId) : null;
            stored["source"] = membership.SourceOpened(sealer) is { } source ? Alone(source, SealedFields.MembershipSource) : null;
        }
        return row.ToJsonString();
    }

    private async Task<string> ExportAsync(string subjectId)
    {
        var admin = Gateway.ClientFor("admin");
        var created = await admin.PostAsJsonAsync("/v1/requests", new { type = "access", subject = new { subjectId }, channel = "email" });
        var requestId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["requestId"]!.GetValue<string>();
        var officer = Gateway.ClientFor("privacy-officer");
        var verified = await officer.PostAsJsonAsync($"/v1/requests/{requestId}/verification", new { method = "strong-electronic-identification", verifiedBy = "officer-anna" });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.True(await Eventually.TrueAsync(async () =>
            (await officer.GetFromJsonAsync<JsonObject>($"/v1/requests/{requestId}"))!["status"]!.GetValue<string>() == "completed"));
        return await officer.GetStringAsync($"/v1/requests/{requestId}/export");
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
