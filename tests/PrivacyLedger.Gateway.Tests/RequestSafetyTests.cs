using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// Rights requests that must not pass for something they are not, on both engines (<see cref="PostgresRequestSafetyTests"/>,
/// <see cref="SqliteRequestSafetyTests"/>): unknown registers, a subject named two contradicting ways, times out of bounds,
/// an erasure that found nothing, and the erased person's ledger kept readable as proof.
/// </summary>
public abstract class RequestSafetyTests : GatewayTestBase
{
    private const string Corporate = "plusterveys-corporate";
    private const string PkTerveys = "pk-terveys-customers";

    private HttpClient Service => Gateway.ClientFor("service");
    private HttpClient Officer => Gateway.ClientFor("privacy-officer");

    private static string NewEmail() => $"safe-{Guid.NewGuid():N}@example.fi";

    private static object Email(string email) => new { kind = "email", value = email };

    private async Task<string> EnrolAsync(string email, string registerId = Corporate, string category = "contact-person")
    {
        var response = await Service.PostAsJsonAsync($"/v1/registers/{registerId}/members", new
        {
            identifiers = new[] { Email(email) },
            contact = new { givenName = "Maija", email },
            categories = new[] { new { id = category } },
            source = "crm",
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
    }

    private async Task<JsonObject> CreateAndVerifyAsync(object body)
    {
        var created = await Service.PostAsJsonAsync("/v1/requests", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var requestId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["requestId"]!.GetValue<string>();
        var verified = await Officer.PostAsJsonAsync($"/v1/requests/{requestId}/verification", new { method = "photo-id", verifiedBy = "desk" });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        return (await verified.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<(HttpStatusCode Status, JsonObject Problem)> ProblemAsync(HttpResponseMessage response) =>
        (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);

    /// <summary>The ledger's event types, in order.</summary>
    private async Task<List<string>> LedgerTypesAsync(string subjectId)
    {
        var ledger = await Gateway.ClientFor("admin").GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger?limit=1000");
        return [.. ledger!["items"]!.AsArray().Select(e => e!["type"]!.GetValue<string>())];
    }

    [Fact]
    public async Task A_request_naming_a_register_that_does_not_exist_is_refused_by_index_and_nothing_is_stored()
    {
        var subjectId = await EnrolAsync(NewEmail());

        var (status, problem) = await ProblemAsync(await Service.PostAsJsonAsync("/v1/requests",
            new { type = "erasure", subject = new { subjectId }, registers = new[] { Corporate, "nope" }, channel = "email" }));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("nope", problem["errors"]!["registers[1]"]![0]!.GetValue<string>());
        Assert.DoesNotContain("request.received", await LedgerTypesAsync(subjectId));
        var subject = await Officer.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}");
        Assert.Empty(subject!["requestIds"]!.AsArray());
    }

    [Fact]
    public async Task An_erasure_that_finds_nothing_to_erase_says_so_in_the_request_and_the_ledger()
    {
        var subjectId = await EnrolAsync(NewEmail());

        var nothing = await CreateAndVerifyAsync(new { type = "erasure", subject = new { subjectId }, registers = new[] { PkTerveys }, channel = "email" });

        Assert.Equal("completed", nothing["status"]!.GetValue<string>());
        Assert.Equal("nothing-to-erase", nothing["outcome"]!.GetValue<string>());
        Assert.Contains("nothing was erased", nothing["answer"]!.GetValue<string>());
        Assert.Contains("supervisory authority", nothing["complaintNotice"]!.GetValue<string>());
        Assert.Empty(nothing["tasks"]!.AsArray());
        var ledger = await Gateway.ClientFor("admin").GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger");
        var finding = Assert.Single(ledger!["items"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "erasure.nothing-to-erase")!;
        Assert.Equal(nothing["requestId"]!.GetValue<string>(), finding["requestId"]!.GetValue<string>());
        var subject = await Officer.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}");
        Assert.Single(subject!["memberships"]!.AsArray());

        var erased = await CreateAndVerifyAsync(new { type = "erasure", subject = new { subjectId }, registers = new[] { Corporate }, channel = "email" });

        Assert.Equal("completed", erased["status"]!.GetValue<string>());
        Assert.Equal("erased", erased["outcome"]!.GetValue<string>());
        Assert.Null(erased["answer"]);
    }

    [Fact]
    public async Task A_subject_id_contradicted_by_its_identifiers_is_a_conflict_that_discloses_no_one()
    {
        var (mine, theirs) = (NewEmail(), NewEmail());
        var subjectId = await EnrolAsync(mine);
        var otherId = await EnrolAsync(theirs);

        var (status, problem) = await ProblemAsync(await Service.PostAsJsonAsync("/v1/requests",
            new { type = "access", subject = new { subjectId, identifiers = new[] { Email(mine), Email(theirs) } }, channel = "web" }));
        var (unknownStatus, unknownProblem) = await ProblemAsync(await Service.PostAsJsonAsync("/v1/requests",
            new { type = "access", subject = new { subjectId, identifiers = new[] { Email(NewEmail()) } }, channel = "web" }));
        var (twoStatus, twoProblem) = await ProblemAsync(await Service.PostAsJsonAsync("/v1/requests",
            new { type = "access", subject = new { identifiers = new[] { Email(mine), Email(theirs) } }, channel = "web" }));
        var (nullStatus, nullProblem) = await ProblemAsync(await Service.PostAsJsonAsync("/v1/requests",
            new { type = "access", subject = new { identifiers = new object?[] { null } }, channel = "web" }));

        Assert.Equal(HttpStatusCode.Conflict, status);
        var detail = problem["detail"]!.GetValue<string>();
        Assert.Contains("subject.subjectId", detail);
        Assert.Contains("subject.identifiers[1]", detail);
        foreach (var text in new[] { problem.ToJsonString(), unknownProblem.ToJsonString(), twoProblem.ToJsonString() })
        {
            Assert.DoesNotContain(otherId, text);
            Assert.DoesNotContain(theirs, text);
            Assert.DoesNotContain(mine, text);
        }
        Assert.Equal(HttpStatusCode.Conflict, unknownStatus);
        Assert.Contains("subject.identifiers[0]", unknownProblem["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, twoStatus);
        Assert.Contains("subject.identifiers[1]", twoProblem["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, nullStatus);
        Assert.NotNull(nullProblem["errors"]!["subject.identifiers[0]"]);
        Assert.DoesNotContain("request.received", await LedgerTypesAsync(subjectId));
        Assert.DoesNotContain("request.received", await LedgerTypesAsync(otherId));
        var agreeing = await Service.PostAsJsonAsync("/v1/requests", new { type = "access", subject = new { subjectId, identifiers = new[] { Email(mine) } }, channel = "web" });
        Assert.Equal(HttpStatusCode.Created, agreeing.StatusCode);
    }

    [Fact]
    public async Task Extensions_and_receipt_times_out_of_bounds_are_refused_with_a_reason()
    {
        var subjectId = await EnrolAsync(NewEmail());
        var created = await Service.PostAsJsonAsync("/v1/requests", new { type = "access", subject = new { subjectId }, channel = "web" });
        var requestId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["requestId"]!.GetValue<string>();

        var (zeroStatus, zero) = await ProblemAsync(await Officer.PostAsJsonAsync($"/v1/requests/{requestId}/extension", new { months = 0, reason = "complex" }));
        var (threeStatus, three) = await ProblemAsync(await Officer.PostAsJsonAsync($"/v1/requests/{requestId}/extension", new { months = 3, reason = "complex" }));
        var (oldStatus, old) = await ProblemAsync(await Service.PostAsJsonAsync("/v1/requests",
            new { type = "access", subject = new { subjectId }, channel = "letter", receivedAt = "1900-01-01T00:00:00Z" }));
        var (futureStatus, future) = await ProblemAsync(await Service.PostAsJsonAsync("/v1/requests",
            new { type = "access", subject = new { subjectId }, channel = "letter", receivedAt = DateTimeOffset.UtcNow.AddDays(1) }));
        var skewed = await Service.PostAsJsonAsync("/v1/requests",
            new { type = "access", subject = new { subjectId }, channel = "letter", receivedAt = DateTimeOffset.UtcNow.AddMinutes(1) });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (zeroStatus, threeStatus));
        Assert.Contains("1 or 2", zero["errors"]!["months"]![0]!.GetValue<string>());
        Assert.Contains("1 or 2", three["errors"]!["months"]![0]!.GetValue<string>());
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (oldStatus, futureStatus));
        Assert.Contains("2018-05-25", old["errors"]!["receivedAt"]![0]!.GetValue<string>());
        Assert.Contains("future", future["errors"]!["receivedAt"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, skewed.StatusCode);
        var request = await Officer.GetFromJsonAsync<JsonObject>($"/v1/requests/{requestId}");
        Assert.Null(request!["extension"]);
    }

    [Fact]
    public async Task An_erased_persons_ledger_stays_readable_with_its_data_shredded_and_its_chain_checkable()
    {
        var subjectId = await EnrolAsync(NewEmail());
        var erasure = await CreateAndVerifyAsync(new { type = "erasure", subject = new { subjectId }, channel = "email" });
        Assert.Equal("completed", erasure["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await Officer.GetAsync($"/v1/subjects/{subjectId}")).StatusCode);

        var response = await Officer.GetAsync($"/v1/subjects/{subjectId}/ledger");
        var again = await Gateway.ClientFor("admin").GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
        Assert.Equal(Enumerable.Range(1, items.Count).Select(i => (long)i), items.Select(e => e!["seq"]!.GetValue<long>()));
        // The erasure, then the record of the request's receipt: written without data, so it follows the shredding.
        Assert.Equal(["subject.erased", "request.receipt-issued"], items.TakeLast(2).Select(e => e!["type"]!.GetValue<string>()));
        Assert.Contains(items, e => e!["type"]!.GetValue<string>() == "membership.enrolled");
        var previous = LedgerEvent.GenesisHash;
        foreach (var item in items)
        {
            var sealedData = item!["sealedData"]?.GetValue<string>();
            Assert.True(item.AsObject().ContainsKey("data"));
            Assert.Null(item["data"]);
            Assert.Equal(sealedData is not null, item["shredded"]!.GetValue<bool>());
            Assert.Equal(previous, item["prevHash"]!.GetValue<string>());
            var hash = LedgerEvent.ComputeHash(item["seq"]!.GetValue<long>(), item["at"]!.GetValue<DateTimeOffset>(), item["type"]!.GetValue<string>(),
                item["actor"]!.GetValue<string>(), item["registerId"]?.GetValue<string>(), item["requestId"]?.GetValue<string>(), sealedData, previous);
            Assert.Equal(hash, item["hash"]!.GetValue<string>());
            previous = hash;
        }
        Assert.Contains(items, e => e!["shredded"]!.GetValue<bool>());
        // Reading the proof discloses nothing and is not added to it.
        Assert.Equal(items.Count, again!["items"]!.AsArray().Count);
        var verification = await Officer.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger/verification");
        Assert.True(verification!["valid"]!.GetValue<bool>());
        Assert.Equal(previous, verification["head"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await Officer.GetAsync($"/v1/subjects/{Guid.NewGuid():N}/ledger")).StatusCode);
    }
}

[Collection(PostgresCollection2.Name)]
public sealed class PostgresRequestSafetyTests(PostgresClusterFixture postgres, ClassGateway shared) : RequestSafetyTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteRequestSafetyTests(ClassGateway shared) : RequestSafetyTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
