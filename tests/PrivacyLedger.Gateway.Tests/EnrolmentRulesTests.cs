using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// The domain's enrolment rules, alike for one enrolment and for each line of an import, on both engines
/// (<see cref="PostgresEnrolmentRulesTests"/>, <see cref="SqliteEnrolmentRulesTests"/>): a category named once,
/// no time in the future, and a repeated enrolment recording only what it changes.
/// </summary>
public abstract class EnrolmentRulesTests : GatewayTestBase
{
    private const string Elamasi = "elamasi-kunnossa-customers";

    private HttpClient Service => Gateway.ClientFor("service");
    private HttpClient Admin => Gateway.ClientFor("admin");

    private static string NewEmail() => $"enrol-{Guid.NewGuid():N}@example.fi";

    private static object Body(string email, string[] categories, object? extraIdentifier = null, object? contact = null, DateTimeOffset? lastActivityAt = null) => new
    {
        identifiers = extraIdentifier is null ? new[] { new { kind = "email", value = email } } : new object[] { new { kind = "email", value = email }, extraIdentifier },
        contact = contact ?? new { givenName = "Aino" },
        categories = categories.Select(id => new { id }),
        source = "crm",
        lastActivityAt,
    };

    private Task<HttpResponseMessage> EnrolAsync(object body) => Service.PostAsJsonAsync($"/v1/registers/{Elamasi}/members", body);

    private async Task<JsonObject> ImportAsync(params object[] lines)
    {
        var text = string.Concat(lines.Select(line => JsonSerializer.Serialize(line) + "\n"));
        var response = await Admin.PostAsync($"/v1/imports?registerId={Elamasi}", new StringContent(text, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>The number of events in the subject's ledger, by verification, which (unlike a read) records nothing.</summary>
    private async Task<long> EventsAsync(string subjectId) =>
        (await Admin.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger/verification"))!["events"]!.GetValue<long>();

    private async Task<JsonObject> LastEventAsync(string subjectId)
    {
        var ledger = await Admin.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger?limit=1000");
        // A read is recorded after what it returns: the last event shown is the latest change.
        return ledger!["items"]!.AsArray()[^1]!.AsObject();
    }

    private async Task<string?> FindAsync(string email)
    {
        var response = await Admin.GetAsync($"/v1/subjects?identifier=email:{Uri.EscapeDataString(email)}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : (await response.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_category_named_twice_is_refused_by_index_alone_and_per_import_line()
    {
        var (email, imported, good) = (NewEmail(), NewEmail(), NewEmail());

        var response = await EnrolAsync(Body(email, ["feedback", "feedback"]));
        var outcome = await ImportAsync(Body(imported, ["basic-data", "feedback", "basic-data"]), Body(good, ["basic-data"]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("more than once", problem["errors"]!["categories[1].id"]![0]!.GetValue<string>());
        Assert.Null(await FindAsync(email));
        var error = Assert.Single(outcome["errors"]!.AsArray())!;
        Assert.Equal((1L, "categories[2].id"), (error["line"]!.GetValue<long>(), error["field"]!.GetValue<string>()));
        Assert.Null(await FindAsync(imported));
        Assert.NotNull(await FindAsync(good));
    }

    [Fact]
    public async Task Enrolling_again_records_nothing_when_nothing_changes_and_only_the_change_when_something_does()
    {
        var email = NewEmail();
        var first = await EnrolAsync(Body(email, ["basic-data"]));
        var subjectId = (await first.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
        var events = await EventsAsync(subjectId);

        var same = await EnrolAsync(Body(email, ["basic-data"]));

        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.False((await same.Content.ReadFromJsonAsync<JsonObject>())!["created"]!.GetValue<bool>());
        Assert.Equal(events, await EventsAsync(subjectId));

        Assert.Equal(HttpStatusCode.OK, (await EnrolAsync(Body(email, ["basic-data", "feedback"]))).StatusCode);
        var added = await LastEventAsync(subjectId);
        Assert.Equal(events + 2, await EventsAsync(subjectId)); // the change and the read that showed it
        Assert.Equal("membership.updated", added["type"]!.GetValue<string>());
        Assert.Equal(["feedback"], added["data"]!["categories"]!.AsArray().Select(c => c!.GetValue<string>()));

        var phone = $"+35840{Random.Shared.Next(1_000_000, 9_999_999)}";
        Assert.Equal(HttpStatusCode.OK, (await EnrolAsync(Body(email, ["basic-data"], new { kind = "phone", value = phone }))).StatusCode);
        Assert.Equal("identifier.added", (await LastEventAsync(subjectId))["type"]!.GetValue<string>());
        Assert.Equal(events + 4, await EventsAsync(subjectId)); // two changes, two reads
    }

    [Fact]
    public async Task A_repeated_import_adds_no_event_to_anyone()
    {
        var (known, fresh) = (NewEmail(), NewEmail());
        var enrolled = await EnrolAsync(Body(known, ["basic-data"]));
        var knownId = (await enrolled.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
        var lines = new[] { Body(known, ["basic-data"]), Body(fresh, ["basic-data", "feedback"]) };
        await ImportAsync(lines);
        var freshId = (await FindAsync(fresh))!;
        var before = (await EventsAsync(knownId), await EventsAsync(freshId));

        var again = await ImportAsync(lines);

        Assert.Equal((0L, 2L), (again["created"]!.GetValue<long>(), again["existing"]!.GetValue<long>()));
        Assert.Equal(before, (await EventsAsync(knownId), await EventsAsync(freshId)));
    }

    [Fact]
    public async Task A_temporary_identity_code_is_refused_as_not_accepted_alone_and_per_import_line()
    {
        // 901: an individual number from the temporary range, with its right check character.
        var temporary = new { kind = "hetu", value = "131052-901X" };

        var refused = await EnrolAsync(Body(NewEmail(), [], temporary));
        var imported = await ImportAsync(Body(NewEmail(), [], temporary), Body(NewEmail(), []));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var message = (await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["identifiers[1].value"]![0]!.GetValue<string>();
        Assert.Contains("Temporary identity codes", message, StringComparison.Ordinal);
        Assert.DoesNotContain("901X", message, StringComparison.Ordinal);
        Assert.Equal(1, imported["failed"]!.GetValue<long>());
        Assert.Contains("Temporary identity codes", imported["errors"]![0]!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, imported["created"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_last_activity_in_the_future_is_refused_alone_and_per_import_line()
    {
        var (email, imported) = (NewEmail(), NewEmail());
        var tomorrow = DateTimeOffset.UtcNow.AddDays(1);

        var response = await EnrolAsync(Body(email, ["basic-data"], lastActivityAt: tomorrow));
        var outcome = await ImportAsync(Body(imported, ["basic-data"], lastActivityAt: tomorrow));
        var justNow = await EnrolAsync(Body(NewEmail(), ["basic-data"], lastActivityAt: DateTimeOffset.UtcNow.AddMinutes(1)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("future", (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["lastActivityAt"]![0]!.GetValue<string>());
        Assert.Null(await FindAsync(email));
        Assert.Equal("lastActivityAt", Assert.Single(outcome["errors"]!.AsArray())!["field"]!.GetValue<string>());
        Assert.Null(await FindAsync(imported));
        Assert.Equal(HttpStatusCode.Created, justNow.StatusCode);
    }
}

[Collection(PostgresCollection4.Name)]
public sealed class PostgresEnrolmentRulesTests(PostgresClusterFixture postgres, ClassGateway shared) : EnrolmentRulesTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteEnrolmentRulesTests(ClassGateway shared) : EnrolmentRulesTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
