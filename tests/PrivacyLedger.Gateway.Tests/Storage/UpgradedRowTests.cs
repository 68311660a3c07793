using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Requests;
using PrivacyLedger.Ledger.Subjects;
using PrivacyLedger.Storage;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests.Storage;

/// <summary>
/// A gateway upgraded in place: rows an earlier version wrote with personal fields in clear still load and answer
/// through the API, and the next write of each stores it sealed; a person whose state holds identifier hashes at their
/// earlier, whole length is still found, kept and released through the index the upgrade cut. On both engines (<see cref="PostgresUpgradedRowTests"/>,
/// <see cref="SqliteUpgradedRowTests"/>).
/// </summary>
public abstract class UpgradedRowTests : GatewayTestBase
{
    private const string Corporate = "plusterveys-corporate";

    [Fact]
    public async Task Rows_an_earlier_version_wrote_in_clear_answer_as_before_and_are_sealed_on_their_next_write()
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var (email, givenName, externalId, reason, verifiedBy) = ($"old{tag}@example.fi", $"Old{tag}", $"OLD-{tag}", $"OldReason{tag}", $"OldOfficer{tag}");
        string subjectId, requestId;
        // Written by the gateway before the upgrade (here sealed, as this version writes), then turned back into clear rows.
        await using (var before = NewGateway())
        {
            var admin = before.ClientFor("admin");
            var enrolled = await admin.PostAsJsonAsync($"/v1/registers/{Corporate}/members", new
            {
                identifiers = new[] { new { kind = "email", value = email } },
                externalId,
                contact = new { givenName },
                categories = new[] { new { id = "contact-person" } },
            });
            subjectId = (await enrolled.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
            var created = await admin.PostAsJsonAsync("/v1/requests", new { type = "restriction", subject = new { subjectId }, channel = "letter", details = new { reason } });
            requestId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["requestId"]!.GetValue<string>();
        }
        var store = Gateway.Services.GetRequiredService<IGrainStateStore>();
        var serializer = Gateway.Services.GetRequiredService<IGrainStateSerializer>();
        await RewriteAsync<SubjectState>(store, serializer, new GrainKey("subject", subjectId), row =>
        {
            row["contact"] = new JsonObject { ["givenName"] = givenName };
            row["identifiers"]![0]!["display"] = email;
            row["memberships"]![Corporate]!["externalId"] = externalId;
        });
        await RewriteAsync<RequestState>(store, serializer, new GrainKey("rights-request", requestId), row =>
        {
            row["details"] = new JsonObject { ["reason"] = reason };
            row["verification"] = new JsonObject { ["method"] = 0, ["verifiedBy"] = verifiedBy, ["at"] = DateTimeOffset.UtcNow.AddMinutes(-1) };
        });
        string[] clear = [email, givenName, externalId, reason, verifiedBy];
        Assert.Contains(givenName, await StoredAsync(store, "subject", subjectId));

        var officer = Gateway.ClientFor("privacy-officer");
        var subject = (await officer.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}"))!;
        Assert.Equal(givenName, subject["contact"]!["givenName"]!.GetValue<string>());
        Assert.Equal(email, subject["identifiers"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(externalId, subject["memberships"]![0]!["externalId"]!.GetValue<string>());
        var request = (await officer.GetFromJsonAsync<JsonObject>($"/v1/requests/{requestId}"))!;
        Assert.Equal(verifiedBy, request["verification"]!["verifiedBy"]!.GetValue<string>());

        // The next writes: a consent for the person, an extension for the request.
        var consent = await Gateway.ClientFor("admin").PutAsJsonAsync($"/v1/subjects/{subjectId}/consents/direct-marketing", new { channels = new[] { "email" }, source = "web-form" });
        Assert.Equal(HttpStatusCode.NoContent, consent.StatusCode);
        var extension = await officer.PostAsJsonAsync($"/v1/requests/{requestId}/extension", new { months = 1, reason = "complex" });
        Assert.Equal(HttpStatusCode.OK, extension.StatusCode);

        var rows = await StoredAsync(store, "subject", subjectId) + await StoredAsync(store, "rights-request", requestId);
        Assert.All(clear, value => Assert.DoesNotContain(value, rows, StringComparison.Ordinal));
        var reread = (await officer.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}"))!;
        Assert.Equal(givenName, reread["contact"]!["givenName"]!.GetValue<string>());
        Assert.Equal(verifiedBy, (await extension.Content.ReadFromJsonAsync<JsonObject>())!["verification"]!["verifiedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_state_holding_whole_identifier_hashes_still_finds_keeps_and_releases_its_person()
    {
        var email = $"whole{Guid.NewGuid():N}@example.fi";
        string subjectId;
        await using (var before = NewGateway())
        {
            var enrolled = await before.ClientFor("admin").PostAsJsonAsync($"/v1/registers/{Corporate}/members",
                new { identifiers = new[] { new { kind = "email", value = email } }, categories = new[] { new { id = "contact-person" } } });
            subjectId = (await enrolled.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
        }
        // As schema 6 left a person: the whole HMAC (64 hex digits) in the state, while the upgrade cut the index's key.
        var keys = Gateway.Services.GetRequiredService<LedgerKeys>();
        var whole = Convert.ToHexStringLower(HMACSHA256.HashData(keys.IdentifierHashingKey, Encoding.UTF8.GetBytes($"email:{email}")));
        var store = Gateway.Services.GetRequiredService<IGrainStateStore>();
        await RewriteAsync<SubjectState>(store, Gateway.Services.GetRequiredService<IGrainStateSerializer>(), new GrainKey("subject", subjectId), row =>
        {
            Assert.Equal(whole[..32], row["identifiers"]![0]!["hash"]!.GetValue<string>());
            row["identifiers"]![0]!["hash"] = whole;
        });
        Assert.Contains(whole, await StoredAsync(store, "subject", subjectId));

        // Found by the identifier, and the identifier not added a second time.
        var admin = Gateway.ClientFor("admin");
        var again = await admin.PostAsJsonAsync("/v1/registers/perhelaakarit-customers/members",
            new { identifiers = new[] { new { kind = "email", value = email } }, categories = new[] { new { id = "basic-data" } } });
        var found = (await again.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((subjectId, false), (found["subjectId"]!.GetValue<string>(), found["created"]!.GetValue<bool>()));
        var officer = Gateway.ClientFor("privacy-officer");
        Assert.Single((await officer.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}"))!["identifiers"]!.AsArray());

        // Erased, the identifier is released: the same e-mail enrols someone new.
        var created = await Gateway.ClientFor("service").PostAsJsonAsync("/v1/requests", new { type = "erasure", subject = new { subjectId }, channel = "email" });
        var requestId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["requestId"]!.GetValue<string>();
        var verified = await officer.PostAsJsonAsync($"/v1/requests/{requestId}/verification", new { method = "strong-electronic-identification", verifiedBy = "officer-anna" });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.True(await Eventually.TrueAsync(async () =>
            (await officer.GetFromJsonAsync<JsonObject>($"/v1/requests/{requestId}"))!["status"]!.GetValue<string>() == "completed"));
        var afterErasure = await admin.PostAsJsonAsync($"/v1/registers/{Corporate}/members",
            new { identifiers = new[] { new { kind = "email", value = email } }, categories = new[] { new { id = "contact-person" } } });
        Assert.Equal(HttpStatusCode.Created, afterErasure.StatusCode);
        Assert.NotEqual(subjectId, (await afterErasure.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>());
    }

    /// <summary>Replaces a stored row before any grain of this gateway has read it, as an earlier version left it.</summary>
    private static async Task RewriteAsync<TState>(IGrainStateStore store, IGrainStateSerializer serializer, GrainKey key, Action<JsonObject> toClear)
    {
        var stored = (await store.ReadAsync(key))!;
        // As JSON, the only form an earlier version wrote (a subject's row is stored compact now).
        var row = JsonNode.Parse(new JsonGrainStateSerializer().Serialize(serializer.Deserialize<TState>(stored.Payload!)))!.AsObject();
        toClear(row);
        var results = await store.WriteAsync([new StateWrite(key, stored.Version, Encoding.UTF8.GetBytes(row.ToJsonString()))]);
        Assert.False(results[0].IsConflict);
    }

    private static async Task<string> StoredAsync(IGrainStateStore store, string grainType, string key) =>
        Encoding.UTF8.GetString((await store.ReadAsync(new GrainKey(grainType, key)))!.Payload!);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresUpgradedRowTests(PostgresClusterFixture postgres) : UpgradedRowTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteUpgradedRowTests : UpgradedRowTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
