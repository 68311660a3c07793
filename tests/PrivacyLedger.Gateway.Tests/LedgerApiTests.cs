using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Storage;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// The "Registers" and "Subjects" parts of API v1 through the real gateway, written once and run on both
/// engines (<see cref="PostgresLedgerApiTests"/>, <see cref="SqliteLedgerApiTests"/>).
/// </summary>
public abstract class LedgerApiTests : GatewayTestBase
{
    private const string Marketing = "pk-terveys-customers";
    private const string Corporate = "plusterveys-corporate";
    private const string Health = "elamasi-kunnossa-customers";
    private const string ValidHetu = "131052-308T";

    private HttpClient Admin => Gateway.ClientFor("admin");
    private HttpClient Service => Gateway.ClientFor("service");
    private HttpClient Officer => Gateway.ClientFor("privacy-officer");

    private static string NewEmail() => $"person-{Guid.NewGuid():N}@example.fi";

    private async Task<JsonObject> EnrolAsync(string registerId, object body, HttpStatusCode expected)
    {
        var response = await Service.PostAsJsonAsync($"/v1/registers/{registerId}/members", body);
        Assert.Equal(expected, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<string> EnrolNewAsync(string registerId, string email, string? hetu = null)
    {
        var identifiers = new List<object> { new { kind = "email", value = email } };
        if (hetu is not null)
        {
            identifiers.Add(new { kind = "hetu", value = hetu });
        }
        var created = await EnrolAsync(registerId, new
        {
            identifiers,
            externalId = "crm-1",
            contact = new { givenName = "Maija", familyName = "Meikäläinen", email, language = "fi" },
            source = "web-shop",
        }, HttpStatusCode.Created);
        return created["subjectId"]!.GetValue<string>();
    }

    private async Task<JsonObject> PermissionAsync(string subjectId, string purpose, string channel, HttpClient? client = null)
    {
        var response = await (client ?? Service).GetAsync($"/v1/subjects/{subjectId}/permissions?purpose={purpose}&channel={channel}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<string> PurposeAsync(string registerId, string basis, string? objectionScope = null)
    {
        var register = await Admin.GetFromJsonAsync<JsonObject>($"/v1/registers/{registerId}");
        return register!["definition"]!["purposes"]!.AsArray()
            .First(p => p!["legalBasis"]!.GetValue<string>() == basis
                && (objectionScope is null || p["objectionScopes"]!.AsArray().Any(s => s!.GetValue<string>() == objectionScope)))!["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task The_four_sample_registers_are_listed()
    {
        var registers = await Admin.GetFromJsonAsync<JsonArray>("/v1/registers");

        // Other tests of the class may add registers of their own; the four samples are always there.
        var ids = registers!.Select(r => r!["definition"]!["id"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "elamasi-kunnossa-customers", "perhelaakarit-customers", "pk-terveys-customers", "plusterveys-corporate" }, ids);
        Assert.Contains("longer-deadline-stated", registers!.Single(r => r!["definition"]!["id"]!.GetValue<string>() == "elamasi-kunnossa-customers")!["flags"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public async Task R11_register_texts_carry_both_Finnish_and_Swedish()
    {
        var register = await Admin.GetFromJsonAsync<JsonObject>($"/v1/registers/{Corporate}");

        var name = register!["definition"]!["name"]!;
        Assert.False(string.IsNullOrWhiteSpace(name["fi"]?.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(name["sv"]?.GetValue<string>()));
        Assert.All(register["definition"]!["purposes"]!.AsArray(), purpose => Assert.NotNull(purpose!["name"]!["sv"]));
    }

    [Fact]
    public async Task A_person_enrolled_in_several_registers_is_one_subject()
    {
        var email = NewEmail();
        var subjectId = await EnrolNewAsync(Marketing, email);

        var again = await EnrolAsync(Corporate, new { identifiers = new[] { new { kind = "email", value = email.ToUpperInvariant() } }, source = "crm" }, HttpStatusCode.OK);

        Assert.Equal(subjectId, again["subjectId"]!.GetValue<string>());
        Assert.False(again["created"]!.GetValue<bool>());
        var subject = await Officer.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}");
        Assert.Equal([Marketing, Corporate], subject!["memberships"]!.AsArray().Select(m => m!["registerId"]!.GetValue<string>()));
        var found = await Officer.GetFromJsonAsync<JsonObject>($"/v1/subjects?identifier=email:{Uri.EscapeDataString(email)}");
        Assert.Equal(subjectId, found!["subjectId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Identifiers_of_two_different_subjects_are_a_conflict()
    {
        var (first, second) = (NewEmail(), NewEmail());
        await EnrolNewAsync(Marketing, first);
        await EnrolNewAsync(Marketing, second);

        var response = await Service.PostAsJsonAsync($"/v1/registers/{Corporate}/members",
            new { identifiers = new[] { new { kind = "email", value = first }, new { kind = "email", value = second } } });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Twenty_concurrent_enrolments_of_one_new_email_give_one_subject()
    {
        var email = NewEmail();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            Service.PostAsJsonAsync($"/v1/registers/{Marketing}/members", new { identifiers = new[] { new { kind = "email", value = email } } })));

        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonObject>()));
        Assert.Single(bodies.Select(b => b!["subjectId"]!.GetValue<string>()).Distinct());
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK }));
    }

    [Fact]
    public async Task R3_an_objection_to_direct_marketing_is_honoured_at_once_on_every_channel_it_names()
    {
        var subjectId = await EnrolNewAsync(Marketing, NewEmail());
        var marketing = await PurposeAsync(Marketing, "consent", "direct-marketing");
        await Service.PutAsJsonAsync($"/v1/subjects/{subjectId}/consents/{marketing}", new { channels = new[] { "email", "sms" }, source = "web-form", evidence = "form-123" });
        Assert.True((await PermissionAsync(subjectId, marketing, "email"))["allowed"]!.GetValue<bool>());

        var objected = await Service.PutAsJsonAsync($"/v1/subjects/{subjectId}/objections/direct-marketing", new { channels = new[] { "email" }, source = "phone-call" });

        Assert.Equal(HttpStatusCode.NoContent, objected.StatusCode);
        var email = await PermissionAsync(subjectId, marketing, "email", Gateway.ClientFor("marketing"));
        Assert.False(email["allowed"]!.GetValue<bool>());
        Assert.Contains("objection:direct-marketing", email["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.True((await PermissionAsync(subjectId, marketing, "sms"))["allowed"]!.GetValue<bool>());

        await Service.PutAsJsonAsync($"/v1/subjects/{subjectId}/objections/direct-marketing", new { source = "letter" });
        Assert.False((await PermissionAsync(subjectId, marketing, "sms"))["allowed"]!.GetValue<bool>());
        var batch = await Gateway.ClientFor("marketing").PostAsJsonAsync("/v1/permissions/check",
            new { purpose = marketing, channel = "sms", subjectIds = new[] { subjectId, "no-such-subject" } });
        var results = (await batch.Content.ReadFromJsonAsync<JsonObject>())!["results"]!.AsArray();
        Assert.Equal([subjectId, "no-such-subject"], results.Select(r => r!["subjectId"]!.GetValue<string>()));
        Assert.All(results, r => Assert.False(r!["allowed"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task R4_withdrawing_consent_stops_only_the_purposes_whose_basis_is_consent()
    {
        var subjectId = await EnrolNewAsync(Marketing, NewEmail());
        var consentPurpose = await PurposeAsync(Marketing, "consent");
        var contractPurpose = await PurposeAsync(Marketing, "contract");
        await Service.PutAsJsonAsync($"/v1/subjects/{subjectId}/consents/{consentPurpose}", new { channels = new[] { "email" }, source = "web-form" });
        Assert.True((await PermissionAsync(subjectId, consentPurpose, "email"))["allowed"]!.GetValue<bool>());

        var withdrawn = await Service.DeleteAsync($"/v1/subjects/{subjectId}/consents/{consentPurpose}");

        Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        var consentBased = await PermissionAsync(subjectId, consentPurpose, "email");
        Assert.False(consentBased["allowed"]!.GetValue<bool>());
        Assert.Contains($"no-consent:{consentPurpose}", consentBased["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        var contractBased = await PermissionAsync(subjectId, contractPurpose, "email");
        Assert.True(contractBased["allowed"]!.GetValue<bool>());
        Assert.Contains($"contract:{Marketing}", contractBased["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task A_restricted_register_denies_every_purpose_until_lifted()
    {
        var subjectId = await EnrolNewAsync(Marketing, NewEmail());
        var contractPurpose = await PurposeAsync(Marketing, "contract");
        var officer = Gateway.ClientFor("privacy-officer");

        await officer.PutAsJsonAsync($"/v1/subjects/{subjectId}/restrictions/{Marketing}", new { reason = "accuracy contested" });
        var restricted = await PermissionAsync(subjectId, contractPurpose, "email");
        await officer.DeleteAsync($"/v1/subjects/{subjectId}/restrictions/{Marketing}");

        Assert.False(restricted["allowed"]!.GetValue<bool>());
        Assert.Contains($"restricted:{Marketing}", restricted["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.True((await PermissionAsync(subjectId, contractPurpose, "email"))["allowed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task R10_the_identity_code_is_encrypted_at_rest_masked_in_responses_and_never_logged()
    {
        var subjectId = await EnrolNewAsync(Health, NewEmail(), hetu: ValidHetu.ToLowerInvariant());

        var subjectJson = await Officer.GetStringAsync($"/v1/subjects/{subjectId}");
        var ledgerJson = await Admin.GetStringAsync($"/v1/subjects/{subjectId}/ledger");

        Assert.DoesNotContain(ValidHetu, subjectJson, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("******-***T", subjectJson);
        Assert.DoesNotContain(ValidHetu, ledgerJson, StringComparison.OrdinalIgnoreCase);
        var stored = await Gateway.Services.GetRequiredService<IGrainStateStore>().ReadAsync(new GrainKey("subject", subjectId));
        Assert.DoesNotContain(ValidHetu, Encoding.UTF8.GetString(stored!.Payload!), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Gateway.Logs.Lines, line => line.Contains(ValidHetu, StringComparison.OrdinalIgnoreCase) || line.Contains("308T", StringComparison.Ordinal));
    }

    [Fact]
    public async Task R12_each_role_may_do_only_what_its_job_needs_and_reads_are_recorded()
    {
        var email = NewEmail();
        var enrol = new { identifiers = new[] { new { kind = "email", value = email } } };

        Assert.Equal(HttpStatusCode.Unauthorized, (await Gateway.CreateClient().PostAsJsonAsync($"/v1/registers/{Marketing}/members", enrol)).StatusCode);
        var badKey = Gateway.CreateClient();
        badKey.DefaultRequestHeaders.Add("X-Api-Key", "not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await badKey.GetAsync("/v1/registers")).StatusCode);
        var forbidden = await Gateway.ClientFor("marketing").PostAsJsonAsync($"/v1/registers/{Marketing}/members", enrol);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await Gateway.ClientFor("marketing").GetAsync("/v1/registers")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Service.GetAsync("/v1/subjects/x/ledger")).StatusCode);

        var subjectId = await EnrolNewAsync(Marketing, email);
        await Gateway.ClientFor("privacy-officer").GetAsync($"/v1/subjects/{subjectId}");
        var ledger = await Admin.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger");
        var read = ledger!["items"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "personal-data.read");
        Assert.Equal("privacy-officer:test-privacy-officer", read!["actor"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_ledger_chains_every_change_and_verifies_even_after_the_data_key_is_destroyed()
    {
        var subjectId = await EnrolNewAsync(Marketing, NewEmail());
        var purpose = await PurposeAsync(Marketing, "consent");
        await Service.PutAsJsonAsync($"/v1/subjects/{subjectId}/consents/{purpose}", new { channels = new[] { "email" }, source = "web-form" });

        var ledger = await Admin.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger");
        var items = ledger!["items"]!.AsArray();
        Assert.Equal(["subject.created", "identifier.added", "contact.rectified", "membership.enrolled", "consent.granted"], items.Select(e => e!["type"]!.GetValue<string>()));
        for (var i = 1; i < items.Count; i++)
        {
            Assert.Equal(items[i - 1]!["hash"]!.GetValue<string>(), items[i]!["prevHash"]!.GetValue<string>());
        }
        Assert.Equal("web-form", items[4]!["data"]!["source"]!.GetValue<string>());
        var verification = await Admin.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger/verification");
        Assert.True(verification!["valid"]!.GetValue<bool>());
        Assert.Equal(6, verification["events"]!.GetValue<long>()); // five changes and the read above

        Assert.True(await Gateway.Services.GetRequiredService<DataKeyVault>().DestroyAsync(subjectId));

        var shredded = await Admin.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger?limit=5");
        Assert.All(shredded!["items"]!.AsArray(), e => Assert.Null(e!["data"]));
        Assert.True((await Admin.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger/verification"))!["valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Members_are_listed_a_page_at_a_time()
    {
        var registerId = $"paging-{Guid.NewGuid():N}"[..20];
        var definition = await Admin.GetFromJsonAsync<JsonObject>($"/v1/registers/{Marketing}");
        var copy = definition!["definition"]!.DeepClone().AsObject();
        copy["id"] = registerId;
        Assert.Equal(HttpStatusCode.OK, (await Admin.PutAsJsonAsync($"/v1/registers/{registerId}", copy)).StatusCode);
        var enrolled = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            enrolled.Add(await EnrolNewAsync(registerId, NewEmail()));
        }

        var officer = Gateway.ClientFor("privacy-officer");
        var first = await officer.GetFromJsonAsync<JsonObject>($"/v1/registers/{registerId}/members?limit=3");
        var second = await officer.GetFromJsonAsync<JsonObject>($"/v1/registers/{registerId}/members?limit=3&after={first!["next"]!.GetValue<string>()}");

        var listed = first["items"]!.AsArray().Concat(second!["items"]!.AsArray()).Select(m => m!["subjectId"]!.GetValue<string>()).ToList();
        Assert.Equal(enrolled.Order(StringComparer.Ordinal), listed);
        Assert.Null(second["next"]);
        Assert.Equal("crm-1", first["items"]![0]!["externalId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_input_is_a_problem_document_naming_the_field_never_a_server_error()
    {
        async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }

        var badHetu = await ProblemAsync(await Service.PostAsJsonAsync($"/v1/registers/{Marketing}/members",
            new { identifiers = new[] { new { kind = "hetu", value = "131052-308A" } } }), HttpStatusCode.BadRequest);
        Assert.NotNull(badHetu["errors"]!["identifiers[0].value"]);
        Assert.DoesNotContain("131052", badHetu.ToJsonString());

        var badKind = await ProblemAsync(await Service.PostAsJsonAsync($"/v1/registers/{Marketing}/members",
            new { identifiers = new[] { new { kind = "passport", value = "x" } } }), HttpStatusCode.BadRequest);
        Assert.NotNull(badKind["errors"]!["identifiers[0].kind"]);

        var malformed = new StringContent("{\"identifiers\": [", Encoding.UTF8, "application/json");
        await ProblemAsync(await Service.PostAsync($"/v1/registers/{Marketing}/members", malformed), HttpStatusCode.BadRequest);

        var wrongType = new StringContent("{\"lastActivityAt\": 5}", Encoding.UTF8, "application/json");
        var typed = await ProblemAsync(await Service.PostAsync($"/v1/registers/{Marketing}/members", wrongType), HttpStatusCode.BadRequest);
        Assert.True(typed["errors"]!.AsObject().ContainsKey("lastActivityAt"), typed.ToJsonString());

        var text = new StringContent("identifiers=x", Encoding.UTF8, "text/plain");
        await ProblemAsync(await Service.PostAsync($"/v1/registers/{Marketing}/members", text), HttpStatusCode.UnsupportedMediaType);

        var huge = new StringContent(JsonSerializer.Serialize(new { source = new string('x', 1_100_000) }), Encoding.UTF8, "application/json");
        await ProblemAsync(await Service.PostAsync($"/v1/registers/{Marketing}/members", huge), HttpStatusCode.RequestEntityTooLarge);

        await ProblemAsync(await Service.PostAsJsonAsync("/v1/registers/no-such-register/members",
            new { identifiers = new[] { new { kind = "email", value = NewEmail() } } }), HttpStatusCode.NotFound);

        var badChannel = await ProblemAsync(await Service.GetAsync("/v1/subjects/x/permissions?purpose=p&channel=pigeon"), HttpStatusCode.BadRequest);
        Assert.NotNull(badChannel["errors"]!["channel"]);

        var badRegister = await ProblemAsync(await Admin.PutAsJsonAsync("/v1/registers/new-register", new { id = "new-register", purposes = Array.Empty<object>() }), HttpStatusCode.BadRequest);
        Assert.NotNull(badRegister["errors"]!["controller.name"]);
        Assert.NotNull(badRegister["errors"]!["purposes"]);

        await ProblemAsync(await Officer.GetAsync("/v1/subjects/no-such-subject"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_refused_enrolment_changes_nothing_and_links_no_identifier()
    {
        var email = NewEmail();
        var phone = $"+35840{Random.Shared.Next(1_000_000, 9_999_999)}";
        var subjectId = await EnrolNewAsync(Marketing, email);
        var refusedNew = await Service.PostAsJsonAsync($"/v1/registers/{Marketing}/members",
            new { identifiers = new[] { new { kind = "email", value = NewEmail() } }, categories = new[] { new { id = "no-such-category" } } });

        var refused = await Service.PostAsJsonAsync($"/v1/registers/{Marketing}/members", new
        {
            identifiers = new[] { new { kind = "email", value = email }, new { kind = "phone", value = phone } },
            contact = new { familyName = "Virtanen" },
            categories = new[] { new { id = "no-such-category" } },
        });
        await Service.PutAsJsonAsync($"/v1/subjects/{subjectId}/consents/{await PurposeAsync(Marketing, "consent")}", new { channels = new[] { "email" }, source = "web" });

        Assert.Equal(HttpStatusCode.BadRequest, refusedNew.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull((await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["categories[0].id"]);
        var subject = await Officer.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}");
        Assert.Equal("Meikäläinen", subject!["contact"]!["familyName"]!.GetValue<string>());
        Assert.Single(subject["identifiers"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await Officer.GetAsync($"/v1/subjects?identifier=phone:{Uri.EscapeDataString(phone)}")).StatusCode);
        Assert.True((await Admin.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger/verification"))!["valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_register_definition_with_empty_entries_is_refused_not_a_server_error()
    {
        var definition = (await Admin.GetFromJsonAsync<JsonObject>($"/v1/registers/{Marketing}"))!["definition"]!.DeepClone().AsObject();
        definition["id"] = "null-entries";
        var nullPurpose = definition.DeepClone().AsObject();
        nullPurpose["purposes"]!.AsArray().Add(null);
        var nullScopes = definition.DeepClone().AsObject();
        nullScopes["purposes"]![0]!["objectionScopes"] = null;
        var nullRights = definition.DeepClone().AsObject();
        nullRights["rights"] = null;

        // A null in a list is refused by its index as the body is read.
        var nullIndex = $"purposes[{nullPurpose["purposes"]!.AsArray().Count - 1}]";
        foreach (var (body, field) in new[] { (nullPurpose, nullIndex), (nullScopes, "purposes"), (nullRights, "rights") })
        {
            var response = await Admin.PutAsJsonAsync("/v1/registers/null-entries", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![field]);
        }
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_v1_routes()
    {
        var document = await Gateway.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        var paths = document!["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/v1/registers/{registerId}/members", paths);
        Assert.Contains("/v1/permissions/check", paths);
        Assert.Contains("/v1/subjects/{subjectId}/ledger/verification", paths);
    }
}

[Collection(PostgresCollection4.Name)]
public sealed class PostgresLedgerApiTests(PostgresClusterFixture postgres, ClassGateway shared) : LedgerApiTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteLedgerApiTests(ClassGateway shared) : LedgerApiTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
