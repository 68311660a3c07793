using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// Every bad input is refused with 400 naming the field or parameter at fault and what it takes, never quoting the
/// value, and nothing is stored; on both engines (<see cref="PostgresInputValidationTests"/>, <see cref="SqliteInputValidationTests"/>).
/// </summary>
public abstract class InputValidationTests : GatewayTestBase
{
    private const string Elamasi = "elamasi-kunnossa-customers"; // orders-and-billing: contract, no objection scopes
    private const string Secret = "Xsecret9"; // stands for personal data: must never come back in an answer

    private HttpClient Admin => Gateway.ClientFor("admin");

    private static string NewEmail() => $"v-{Guid.NewGuid():N}@example.fi";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static object Enrolment(string email, object? contact = null, string? externalId = null) => new
    {
        identifiers = new[] { new { kind = "email", value = email } },
        externalId,
        contact,
        categories = new[] { new { id = "basic-data" } },
        source = "customer-service",
    };

    /// <summary>The 400's message for the one field named, after checking it is the only field and no value is quoted.</summary>
    private static async Task<string> RefusedAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = JsonNode.Parse(text)!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), text);
        Assert.DoesNotContain(Secret, text, StringComparison.OrdinalIgnoreCase);
        return errors[field]![0]!.GetValue<string>();
    }

    private async Task<string> EnrolAsync(string register, string email)
    {
        var response = await Admin.PostAsJsonAsync($"/v1/registers/{register}/members", Enrolment(email));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
    }

    private async Task<bool> KnownAsync(string email) =>
        (await Admin.GetAsync($"/v1/subjects?identifier=email:{Uri.EscapeDataString(email)}")).StatusCode == HttpStatusCode.OK;

    public static TheoryData<string, string, string, string> NullElements => new()
    {
        { "POST", $"/v1/registers/{Elamasi}/members", """{"identifiers":[null]}""", "identifiers[0]" },
        { "POST", $"/v1/registers/{Elamasi}/members", """{"identifiers":[{"kind":"email","value":"a@example.fi"}],"categories":[{"id":"basic-data"},null]}""", "categories[1]" },
        { "PUT", "/v1/subjects/someone/consents/email-marketing", """{"channels":[null],"source":"web"}""", "channels[0]" },
        { "PUT", "/v1/subjects/someone/objections/direct-marketing", """{"channels":["email",null],"source":"web"}""", "channels[1]" },
        { "POST", "/v1/permissions/check", """{"purpose":"orders-and-billing","subjectIds":["a","b","c",null]}""", "subjectIds[3]" },
        { "POST", "/v1/permissions/check", """{"purpose":"orders-and-billing","subjectIds":["a","b","c",""]}""", "subjectIds[3]" },
        { "POST", "/v1/requests", """{"type":"access","channel":"email","subject":{"subjectId":"someone"},"registers":[null]}""", "registers[0]" },
        { "POST", "/v1/campaigns", """{"kind":"erasure","dryRun":true,"selector":{"subjectIds":["a",null]}}""", "selector.subjectIds[1]" },
    };

    [Theory]
    [MemberData(nameof(NullElements))]
    public async Task A_null_or_empty_element_in_a_list_is_refused_by_its_index(string method, string path, string body, string field)
    {
        var response = await Admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Json(body) });

        Assert.Contains(field, await RefusedAsync(response, field), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadQueryParameters => new()
    {
        { $"/v1/requests?limit={Secret}", "limit", "limit must be a whole number between 1 and 500." },
        { "/v1/requests?limit=1.5", "limit", "limit must be a whole number between 1 and 500." },
        { "/v1/requests?limit=999999999999", "limit", "limit must be a whole number between 1 and 500." },
        { "/v1/requests?limit=0", "limit", "limit must be a whole number between 1 and 500." },
        { $"/v1/requests?dueBefore={Secret}", "dueBefore", "dueBefore must be a date and time in ISO 8601 form" },
        { $"/v1/requests?overdue={Secret}", "overdue", "overdue must be true or false." },
        { $"/v1/requests?status={Secret}", "status", "status must be one of: received, verified, in-progress," },
        { $"/v1/subjects/someone/ledger?after={Secret}", "after", "after must be a whole number" },
        { $"/v1/registers/{Elamasi}/members?limit={Secret}", "limit", "limit must be a whole number between 1 and 1000." },
        { $"/v1/campaigns/someone/items?limit={Secret}", "limit", "limit must be a whole number between 1 and 1000." },
        { $"/v1/campaigns/someone/items?status={Secret}", "status", "status must be one of: selected, erased, held, failed, skipped." },
        { $"/v1/registers/{Elamasi}/members?after={new string('a', 257)}", "after", "after can be at most 256 characters." },
        { "/v1/subjects?identifier=email:a%E2%80%AEb@example.fi", "identifier", "identifier" },
    };

    [Theory]
    [MemberData(nameof(BadQueryParameters))]
    public async Task A_bad_query_parameter_is_named_with_what_it_takes_never_echoed(string path, string parameter, string expected)
    {
        Assert.StartsWith(expected, await RefusedAsync(await Admin.GetAsync(path), parameter), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string, string> BadEnumValues => new()
    {
        { "/v1/requests/someone/verification", $$$"""{"method":"{{{Secret}}}","verifiedBy":"anna"}""", "method", "photo-id", "strong-electronic-identification" },
        { "/v1/requests/someone/refusal", $$$"""{"reason":"{{{Secret}}}","explanation":"x"}""", "reason", "manifestly-unfounded", "legal-exception" },
        { "/v1/requests", $$$"""{"type":"{{{Secret}}}","channel":"email","subject":{"subjectId":"x"}}""", "type", "access", "consent-withdrawal" },
        { "/v1/requests", $$$"""{"type":"access","channel":"{{{Secret}}}","subject":{"subjectId":"x"}}""", "channel", "letter", "in-person" },
        { "/v1/campaigns", $$$"""{"kind":"{{{Secret}}}","dryRun":true}""", "kind", "erasure", "register-purge" },
        { $"/v1/registers/{Elamasi}/members", $$$"""{"identifiers":[{"kind":"{{{Secret}}}","value":"x"}]}""", "identifiers[0].kind", "email", "customer-number" },
    };

    [Theory]
    [MemberData(nameof(BadEnumValues))]
    public async Task An_unknown_enum_value_is_refused_listing_the_allowed_values(string path, string body, string field, string first, string last)
    {
        var message = await RefusedAsync(await Admin.PostAsync(path, Json(body)), field);

        Assert.Contains(first, message, StringComparison.Ordinal);
        Assert.Contains(last, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consent_channels_and_objection_scopes_outside_the_vocabulary_are_refused_listing_the_allowed_values()
    {
        var subjectId = await EnrolAsync(Elamasi, NewEmail());

        var channel = await RefusedAsync(await Admin.PutAsJsonAsync($"/v1/subjects/{subjectId}/consents/email-marketing",
            new { channels = new[] { "email", Secret }, source = "web" }), "channels[1]");
        var scope = await RefusedAsync(await Admin.PutAsJsonAsync($"/v1/subjects/{subjectId}/objections/{Secret}",
            new { channels = Array.Empty<string>(), source = "web" }), "scope");

        Assert.Contains("in-person", channel, StringComparison.Ordinal);
        Assert.Contains("opinion-polls", scope, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> ForbiddenIdentifierCharacters => new()
    {
        { "NUL", "a\u0000b" },
        { "C1 control", "a\u009Bb" },
        { "right-to-left override", "a\u202Eb" },
        { "first strong isolate", "a\u2068b" },
        { "pop directional isolate", "a\u2069b" },
        { "zero-width space", "a\u200Bb" },
    };

    [Theory]
    [MemberData(nameof(ForbiddenIdentifierCharacters))]
    public async Task An_identifier_with_control_or_bidirectional_characters_is_refused_and_nobody_is_enrolled(string what, string local)
    {
        var email = $"{local}-{Guid.NewGuid():N}@example.fi";

        var message = await RefusedAsync(await Admin.PostAsJsonAsync($"/v1/registers/{Elamasi}/members", Enrolment(email)), "identifiers[0].value");

        Assert.False(await KnownAsync(email), what);
        Assert.DoesNotContain(local, message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> OverlongOrControlledText => new()
    {
        { "contact.givenName", JsonSerializer.Serialize(new { givenName = new string('a', 1_000 * 1024) }) },
        { "contact.givenName", JsonSerializer.Serialize(new { givenName = "Maija\u202E" }) },
        { "contact.givenName", JsonSerializer.Serialize(new { givenName = "Maija\nLiisa" }) },
        { "contact.familyName", JsonSerializer.Serialize(new { familyName = "Virta\u0000nen" }) },
        { "contact.address", JsonSerializer.Serialize(new { address = new string('a', 1_001) }) },
        { "contact.address", JsonSerializer.Serialize(new { address = "Katu 1\u0007" }) },
    };

    [Theory]
    [MemberData(nameof(OverlongOrControlledText))]
    public async Task Overlong_text_or_control_characters_in_contact_data_are_refused_by_field(string field, string contact)
    {
        var email = NewEmail();
        var body = JsonSerializer.SerializeToNode(Enrolment(email))!.AsObject();
        body["contact"] = JsonNode.Parse(contact);

        await RefusedAsync(await Admin.PostAsync($"/v1/registers/{Elamasi}/members", Json(body.ToJsonString())), field);

        Assert.False(await KnownAsync(email));
    }

    [Fact]
    public async Task A_100000_character_external_id_and_an_overlong_source_are_refused_by_field()
    {
        var email = NewEmail();
        var longSource = JsonSerializer.SerializeToNode(Enrolment(email))!.AsObject();
        longSource["source"] = new string('s', 101);

        var externalId = await RefusedAsync(await Admin.PostAsJsonAsync($"/v1/registers/{Elamasi}/members", Enrolment(email, externalId: new string('x', 100_000))), "externalId");
        var source = await RefusedAsync(await Admin.PostAsync($"/v1/registers/{Elamasi}/members", Json(longSource.ToJsonString())), "source");

        Assert.Equal("externalId can be at most 256 characters.", externalId);
        Assert.Equal("source can be at most 100 characters.", source);
        Assert.False(await KnownAsync(email));
    }

    [Fact]
    public async Task Finnish_and_Swedish_names_with_combining_marks_and_a_multi_line_address_are_kept_as_given()
    {
        var contact = new { givenName = "Åsa-Märta", familyName = "Öhman-Jo\u0308rgensen", address = "Mannerheimintie 1 A 2\n00100 Helsinki" };
        var response = await Admin.PostAsJsonAsync($"/v1/registers/{Elamasi}/members", Enrolment(NewEmail(), contact));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var subjectId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();

        var stored = (await Admin.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}"))!["contact"]!;

        Assert.Equal(contact.givenName, stored["givenName"]!.GetValue<string>());
        Assert.Equal(contact.familyName, stored["familyName"]!.GetValue<string>());
        Assert.Equal(contact.address, stored["address"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_check_of_a_purpose_without_channels_needs_no_channel_and_one_with_consent_needs_it_by_name()
    {
        var subjectId = await EnrolAsync(Elamasi, NewEmail());

        var contract = await Admin.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/permissions?purpose=orders-and-billing");
        var batch = await Admin.PostAsJsonAsync("/v1/permissions/check", new { purpose = "orders-and-billing", subjectIds = new[] { subjectId } });
        var consent = await Admin.GetAsync($"/v1/subjects/{subjectId}/permissions?purpose=email-marketing");
        var consentBatch = await Admin.PostAsJsonAsync("/v1/permissions/check", new { purpose = "email-marketing", subjectIds = new[] { subjectId } });
        var objectable = await Admin.GetAsync($"/v1/subjects/{subjectId}/permissions?purpose=customer-surveys");
        var withChannel = await Admin.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/permissions?purpose=email-marketing&channel=email");

        Assert.True(contract!["allowed"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.True((await batch.Content.ReadFromJsonAsync<JsonObject>())!["results"]![0]!["allowed"]!.GetValue<bool>());
        Assert.Contains("channel is required", await RefusedAsync(consent, "channel"), StringComparison.Ordinal);
        await RefusedAsync(consentBatch, "channel");
        await RefusedAsync(objectable, "channel");
        Assert.False(withChannel!["allowed"]!.GetValue<bool>());
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresInputValidationTests(PostgresClusterFixture postgres, ClassGateway shared) : InputValidationTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteInputValidationTests(ClassGateway shared) : InputValidationTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
