using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Ledger.Crypto;
using Orleans;
using PrivacyLedger.Storage;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>What the rights-request tests share: the sample registers they use, enrolment and request helpers, a recipients' webhook.</summary>
public abstract class RightsRequestTestBase : GatewayTestBase
{
    private protected const string Corporate = "plusterveys-corporate";     // no legal hold on contact-person data
    private protected const string PkTerveys = "pk-terveys-customers";      // recipients to notify (Art. 19)
    private protected const string Perhelaakarit = "perhelaakarit-customers"; // billing under a legal hold
    private protected const string Elamasi = "elamasi-kunnossa-customers";  // states a two-month deadline
    // Every subject of a test class shares its schema, so each person gets an identity code of their own.
    private protected readonly string _hetu = TestHetu.Next();

    private protected readonly NotificationWebhook _webhook = new();

    protected override IReadOnlyDictionary<string, string?> ExtraSettings() => new Dictionary<string, string?>
    {
        ["Ledger:Notifications:WebhookUrl"] = "http://recipients.test/art19",
    };

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddHttpClient("notifications").ConfigurePrimaryHttpMessageHandler(() => _webhook);

    private protected HttpClient Officer => Gateway.ClientFor("privacy-officer");

    private protected static string NewEmail() => $"person-{Guid.NewGuid():N}@example.fi";

    private protected Task<string> EnrolAsync(string email, params (string Register, string Category, DateTimeOffset? CollectedAt)[] memberships) =>
        EnrolThroughAsync(Gateway, email, memberships);

    private protected async Task<string> EnrolThroughAsync(GatewayFactory gateway, string email, params (string Register, string Category, DateTimeOffset? CollectedAt)[] memberships)
    {
        string? subjectId = null;
        foreach (var (register, category, collectedAt) in memberships)
        {
            var response = await gateway.ClientFor("service").PostAsJsonAsync($"/v1/registers/{register}/members", new
            {
                identifiers = new object[] { new { kind = "email", value = email }, new { kind = "hetu", value = _hetu } },
                contact = new { givenName = "Maija", familyName = "Meikäläinen", email },
                categories = new[] { new { id = category, collectedAt } },
                source = "customer-service",
            });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            subjectId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
        }
        return subjectId!;
    }

    private protected async Task<JsonObject> CreateRequestAsync(object body)
    {
        var response = await Gateway.ClientFor("service").PostAsJsonAsync("/v1/requests", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (await Officer.GetFromJsonAsync<JsonObject>($"/v1/requests/{created["requestId"]}"))!;
    }

    private protected async Task<JsonObject> VerifyAsync(JsonObject request)
    {
        var response = await Officer.PostAsJsonAsync($"/v1/requests/{request["requestId"]}/verification", new { method = "strong-electronic-identification", verifiedBy = "officer-anna" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private protected async Task<JsonObject> GetRequestAsync(string requestId) => (await Officer.GetFromJsonAsync<JsonObject>($"/v1/requests/{requestId}"))!;

    private protected static string Status(JsonObject request) => request["status"]!.GetValue<string>();

    private protected static JsonObject Task(JsonObject request, string registerId) =>
        request["tasks"]!.AsArray().Single(t => t!["registerId"]!.GetValue<string>() == registerId)!.AsObject();
}

/// <summary>
/// The "Rights requests" part of API v1 through the real gateway, on both engines
/// (<see cref="PostgresRightsRequestTests"/>, <see cref="SqliteRightsRequestTests"/>).
/// </summary>
public abstract class RightsRequestTests : RightsRequestTestBase
{
    [Fact]
    public async Task R8_the_deadline_is_one_calendar_month_extendable_by_two_within_the_first()
    {
        var subjectId = await EnrolAsync(NewEmail(), (Elamasi, "basic-data", null));

        var leapYear = await CreateRequestAsync(new { type = "access", subject = new { subjectId }, channel = "letter", receivedAt = "2024-01-31T10:00:00Z" });
        var recent = await CreateRequestAsync(new { type = "access", subject = new { subjectId }, channel = "web" });

        Assert.Equal(DateTimeOffset.Parse("2024-02-29T10:00:00Z"), leapYear["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.True(leapYear["overdue"]!.GetValue<bool>());
        Assert.Contains("register-states-longer-deadline:elamasi-kunnossa-customers:2-months", recent["flags"]!.AsArray().Select(f => f!.GetValue<string>()));
        var tooLate = await Officer.PostAsJsonAsync($"/v1/requests/{leapYear["requestId"]}/extension", new { months = 1, reason = "complex" });
        Assert.Equal(HttpStatusCode.Conflict, tooLate.StatusCode);

        var extended = await Officer.PostAsJsonAsync($"/v1/requests/{recent["requestId"]}/extension", new { months = 2, reason = "many registers, external systems" });
        var beyond = await Officer.PostAsJsonAsync($"/v1/requests/{recent["requestId"]}/extension", new { months = 1, reason = "more" });

        var dueAt = recent["dueAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(dueAt.AddMonths(2), (await extended.Content.ReadFromJsonAsync<JsonObject>())!["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(HttpStatusCode.BadRequest, beyond.StatusCode);
        var overdue = await Officer.GetFromJsonAsync<JsonObject>("/v1/requests?overdue=true&limit=500");
        var overdueIds = overdue!["items"]!.AsArray().Select(i => i!["requestId"]!.GetValue<string>()).ToList();
        Assert.Contains(leapYear["requestId"]!.GetValue<string>(), overdueIds);
        Assert.DoesNotContain(recent["requestId"]!.GetValue<string>(), overdueIds);
    }

    [Fact]
    public async Task R2_nothing_is_disclosed_or_changed_before_identity_is_verified()
    {
        var subjectId = await EnrolAsync(NewEmail(), (Corporate, "contact-person", null));
        var erasure = await CreateRequestAsync(new { type = "erasure", subject = new { subjectId }, channel = "email" });
        var access = await CreateRequestAsync(new { type = "access", subject = new { subjectId }, channel = "email" });

        Assert.Equal("received", Status(erasure));
        Assert.Empty(erasure["tasks"]!.AsArray());
        Assert.Equal(HttpStatusCode.Conflict, (await Officer.GetAsync($"/v1/requests/{access["requestId"]}/export")).StatusCode);
        var subject = await Officer.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}");
        Assert.Single(subject!["memberships"]!.AsArray());

        var verified = await VerifyAsync(access);

        Assert.Equal("completed", Status(verified));
        Assert.Equal("strong-electronic-identification", verified["verification"]!["method"]!.GetValue<string>());
        Assert.Equal("officer-anna", verified["verification"]!["verifiedBy"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await Officer.GetAsync($"/v1/requests/{access["requestId"]}/export")).StatusCode);
    }

    [Fact]
    public async Task R1_a_further_access_request_within_12_months_is_marked_for_a_fee()
    {
        var subjectId = await EnrolAsync(NewEmail(), (Corporate, "contact-person", null));

        var longAgo = await CreateRequestAsync(new { type = "access", subject = new { subjectId }, channel = "letter", receivedAt = DateTimeOffset.UtcNow.AddMonths(-13) });
        var first = await CreateRequestAsync(new { type = "access", subject = new { subjectId }, channel = "web" });
        var second = await CreateRequestAsync(new { type = "access", subject = new { subjectId }, channel = "web" });

        Assert.False(longAgo["fee"]!["applies"]!.GetValue<bool>());
        Assert.False(first["fee"]!["applies"]!.GetValue<bool>());
        Assert.True(second["fee"]!["applies"]!.GetValue<bool>());
        Assert.Contains("within 12 months", second["fee"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task R13_an_access_export_holds_everything_across_registers_and_the_right_to_complain()
    {
        var email = NewEmail();
        var subjectId = await EnrolAsync(email, (Corporate, "contact-person", null), (PkTerveys, "feedback", null), (Perhelaakarit, "billing", null));
        var request = await CreateRequestAsync(new { type = "access", subject = new { identifiers = new[] { new { kind = "email", value = email } } }, channel = "web" });

        var verified = await VerifyAsync(request);
        var export = await Officer.GetFromJsonAsync<JsonObject>($"/v1/requests/{request["requestId"]}/export");

        Assert.Equal(subjectId, verified["subjectId"]!.GetValue<string>());
        Assert.Equal(3, verified["tasks"]!.AsArray().Count);
        Assert.Contains("supervisory authority", export!["complaintNotice"]!.GetValue<string>());
        Assert.Contains("supervisory authority", verified["complaintNotice"]!.GetValue<string>());
        Assert.Equal([Perhelaakarit, PkTerveys, Corporate], export["memberships"]!.AsArray().Select(m => m!["registerId"]!.GetValue<string>()));
        var feedback = export["memberships"]![1]!["categories"]![0]!;
        Assert.Equal(5, feedback["retention"]!["years"]!.GetValue<int>());
        Assert.NotEmpty(export["memberships"]![1]!["purposes"]!.AsArray());
        Assert.Contains(_hetu, export["identifiers"]!.ToJsonString());
        Assert.Equal("Maija", export["contact"]!["givenName"]!.GetValue<string>());
        Assert.Contains(export["ledger"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "membership.enrolled" && e["data"] is not null);

        var portability = await CreateRequestAsync(new { type = "portability", subject = new { subjectId }, channel = "web" });
        await VerifyAsync(portability);
        var portable = await Officer.GetFromJsonAsync<JsonObject>($"/v1/requests/{portability["requestId"]}/export");
        Assert.Equal("privacy-ledger/portability/v1", portable!["format"]!.GetValue<string>());
        Assert.Equal(email, portable["contact"]!["email"]!.GetValue<string>());
        Assert.DoesNotContain(_hetu, portable.ToJsonString());
    }

    [Fact]
    public async Task R6_erasure_holds_what_the_law_keeps_erases_the_rest_and_finishes_when_the_hold_ends()
    {
        var email = NewEmail();
        // The gateway is started first, so the window below is not spent on its start-up on a busy machine.
        Assert.True((await Gateway.CreateClient().GetAsync("/readyz")).IsSuccessStatusCode);
        var subjectId = await EnrolAsync(email, (Corporate, "contact-person", null), (PkTerveys, "feedback", null));
        await Gateway.ClientFor("service").PutAsJsonAsync($"/v1/subjects/{subjectId}/objections/direct-marketing", new { source = "phone" });
        // The billing data was collected so long ago that its ten-year hold ends a few seconds from now; enrolled last,
        // so those seconds cover only the calls up to the verification.
        var holdEndsSoon = DateTimeOffset.UtcNow.AddYears(-10).AddSeconds(10);
        Assert.Equal(subjectId, await EnrolAsync(email, (Perhelaakarit, "billing", holdEndsSoon)));
        var request = await CreateRequestAsync(new { type = "erasure", subject = new { subjectId }, channel = "email" });

        var verified = await VerifyAsync(request);

        Assert.Equal("partially-completed", Status(verified));
        Assert.Equal("done", Task(verified, Corporate)["status"]!.GetValue<string>());
        Assert.Equal("done", Task(verified, PkTerveys)["status"]!.GetValue<string>());
        var held = Task(verified, Perhelaakarit);
        Assert.Equal("held", held["status"]!.GetValue<string>());
        Assert.Contains("billing", held["holdReason"]!.GetValue<string>());
        Assert.True(held["heldUntil"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow);
        var subject = await Officer.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}");
        Assert.Equal([Perhelaakarit], subject!["memberships"]!.AsArray().Select(m => m!["registerId"]!.GetValue<string>()));
        Assert.Equal(Perhelaakarit, subject["restrictions"]![0]!["registerId"]!.GetValue<string>());
        Assert.True((await Gateway.ClientFor("admin").GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger/verification"))!["valid"]!.GetValue<bool>());

        var finished = await Eventually.TrueAsync(async () => Status(await GetRequestAsync(request["requestId"]!.GetValue<string>())) == "completed", TimeSpan.FromSeconds(90));

        Assert.True(finished);
        Assert.Equal(HttpStatusCode.NotFound, (await Officer.GetAsync($"/v1/subjects/{subjectId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Officer.GetAsync($"/v1/subjects?identifier=email:{Uri.EscapeDataString(email)}")).StatusCode);
        // The data key is gone, and the chain still proves what was done.
        var verification = await Gateway.ClientFor("admin").GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger/verification");
        Assert.True(verification!["valid"]!.GetValue<bool>());
        Assert.Null(await Gateway.Services.GetRequiredService<DataKeyVault>().TryGetAsync(subjectId));

        // Only a keyed-hash suppression entry remains: a re-import cannot resume direct marketing.
        var reimported = await EnrolAsync(email, (Corporate, "contact-person", null));
        Assert.NotEqual(subjectId, reimported);
        var again = await Officer.GetFromJsonAsync<JsonObject>($"/v1/subjects/{reimported}");
        Assert.Equal("direct-marketing", again!["objections"]![0]!["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_external_system_confirms_its_erasure_and_its_free_text_goes_with_the_persons_key()
    {
        var registerId = $"ext-{Guid.NewGuid():N}"[..16];
        var admin = Gateway.ClientFor("admin");
        var definition = (await admin.GetFromJsonAsync<JsonObject>($"/v1/registers/{Corporate}"))!["definition"]!.DeepClone().AsObject();
        definition["id"] = registerId;
        definition["categories"]![0]!["external"] = true;
        var category = definition["categories"]![0]!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/v1/registers/{registerId}", definition)).StatusCode);
        var subjectId = await EnrolAsync(NewEmail(), (registerId, category, null));
        var request = await CreateRequestAsync(new { type = "erasure", subject = new { subjectId }, channel = "email" });

        var verified = await VerifyAsync(request);
        Assert.Equal("awaiting-confirmation", Task(verified, registerId)["status"]!.GetValue<string>());
        Assert.Equal("in-progress", Status(verified));

        var confirmed = await Gateway.ClientFor("service").PostAsJsonAsync($"/v1/requests/{request["requestId"]}/tasks/{registerId}/confirmation",
            new { confirmedBy = "crm-batch", evidence = "deleted 3 rows, job 991" });

        var view = (await confirmed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("completed", Status(view));
        var task = Task(view, registerId);
        Assert.Equal("done", task["status"]!.GetValue<string>());
        // The confirmation stays, with its time; who confirmed and the evidence were sealed under the person's data key
        // (free text that may name someone), and the erasure it completed destroyed that key.
        Assert.True(task["confirmation"]!["at"]!.GetValue<DateTimeOffset>() > DateTimeOffset.MinValue);
        Assert.Equal("", task["confirmation"]!["confirmedBy"]!.GetValue<string>());
        Assert.Equal("", task["confirmation"]!["evidence"]!.GetValue<string>());
        var again = await GetRequestAsync(request["requestId"]!.GetValue<string>());
        Assert.Equal("", Task(again, registerId)["confirmation"]!["evidence"]!.GetValue<string>());
    }

    [Fact]
    public async Task Requests_are_refused_with_a_reason_or_cancelled_and_the_queue_pages_and_filters()
    {
        var subjectId = await EnrolAsync(NewEmail(), (Corporate, "contact-person", null));
        var refused = await CreateRequestAsync(new { type = "objection", subject = new { subjectId }, channel = "phone", details = new { scope = "direct-marketing" } });
        var cancelled = await CreateRequestAsync(new { type = "restriction", subject = new { subjectId }, channel = "phone" });
        var open = await CreateRequestAsync(new { type = "consent-withdrawal", subject = new { subjectId }, channel = "web" });

        var refusal = await Officer.PostAsJsonAsync($"/v1/requests/{refused["requestId"]}/refusal", new { reason = "manifestly-unfounded", explanation = "the same request every day" });
        var cancellation = await Officer.PostAsJsonAsync($"/v1/requests/{cancelled["requestId"]}/cancellation", new { reason = "withdrawn by the person" });
        var badReason = await Officer.PostAsJsonAsync($"/v1/requests/{open["requestId"]}/refusal", new { reason = "bored", explanation = "x" });

        Assert.Equal("refused", Status((await refusal.Content.ReadFromJsonAsync<JsonObject>())!));
        Assert.Equal("cancelled", Status((await cancellation.Content.ReadFromJsonAsync<JsonObject>())!));
        Assert.Equal(HttpStatusCode.BadRequest, badReason.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await VerifyResponseAsync(refused)).StatusCode);
        var refusedOnly = await Officer.GetFromJsonAsync<JsonObject>("/v1/requests?status=refused&limit=500");
        Assert.Contains(refused["requestId"]!.GetValue<string>(), refusedOnly!["items"]!.AsArray().Select(i => i!["requestId"]!.GetValue<string>()));
        Assert.All(refusedOnly["items"]!.AsArray(), i => Assert.Equal("refused", i!["status"]!.GetValue<string>()));
        var page = await Officer.GetFromJsonAsync<JsonObject>("/v1/requests?limit=1");
        var next = await Officer.GetFromJsonAsync<JsonObject>($"/v1/requests?limit=1&after={page!["next"]}");
        Assert.NotEqual(page["items"]![0]!["requestId"]!.GetValue<string>(), next!["items"]![0]!["requestId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Restriction_objection_and_consent_withdrawal_requests_set_the_subjects_state()
    {
        var subjectId = await EnrolAsync(NewEmail(), (PkTerveys, "feedback", null), (Corporate, "contact-person", null));
        var service = Gateway.ClientFor("service");
        await service.PutAsJsonAsync($"/v1/subjects/{subjectId}/consents/direct-marketing", new { channels = new[] { "email" }, source = "web" });

        await VerifyAsync(await CreateRequestAsync(new { type = "restriction", subject = new { subjectId }, registers = new[] { PkTerveys }, channel = "letter", details = new { reason = "accuracy contested" } }));
        await VerifyAsync(await CreateRequestAsync(new { type = "objection", subject = new { subjectId }, channel = "phone", details = new { scope = "market-research" } }));
        var withdrawal = await VerifyAsync(await CreateRequestAsync(new { type = "consent-withdrawal", subject = new { subjectId }, channel = "web", details = new { purposeId = "direct-marketing" } }));

        Assert.Equal("completed", Status(withdrawal));
        var subject = await Officer.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}");
        Assert.Equal([PkTerveys], subject!["restrictions"]!.AsArray().Select(r => r!["registerId"]!.GetValue<string>()));
        Assert.Equal("accuracy contested", subject["restrictions"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal(["market-research"], subject["objections"]!.AsArray().Select(o => o!["scope"]!.GetValue<string>()));
        Assert.Empty(subject["consents"]!.AsArray());
    }

    private Task<HttpResponseMessage> VerifyResponseAsync(JsonObject request) =>
        Officer.PostAsJsonAsync($"/v1/requests/{request["requestId"]}/verification", new { method = "photo-id", verifiedBy = "x" });
}

/// <summary>
/// The rights-request tests that need a gateway of their own (<see cref="PostgresRightsRequestOwnGatewayTests"/>,
/// <see cref="SqliteRightsRequestOwnGatewayTests"/>): one counts the calls its webhook answers from the first, the other
/// stops a gateway mid-work and has its own start only afterwards. The other tests share one gateway per class.
/// </summary>
public abstract class RightsRequestOwnGatewayTests : RightsRequestTestBase
{
    [Fact]
    public async Task R7_recipients_named_for_notification_are_told_with_retries_and_listed_on_the_request()
    {
        _webhook.FailFirst = 1;
        var subjectId = await EnrolAsync(NewEmail(), (PkTerveys, "feedback", null), (Corporate, "contact-person", null));
        var request = await CreateRequestAsync(new
        {
            type = "rectification", subject = new { subjectId }, channel = "web",
            details = new { contact = new { address = "Uusi katu 1, 80100 Joensuu" }, source = "population-register" },
        });

        var verified = await VerifyAsync(request);
        var delivered = await Eventually.TrueAsync(async () =>
            (await GetRequestAsync(request["requestId"]!.GetValue<string>()))["notifications"]!.AsArray().All(n => n!["status"]!.GetValue<string>() == "delivered"),
            TimeSpan.FromSeconds(15));

        Assert.Equal("completed", Status(verified));
        var listed = (await GetRequestAsync(request["requestId"]!.GetValue<string>()))["notifications"]!.AsArray();
        Assert.NotEmpty(listed);
        Assert.True(delivered);
        Assert.All(listed, n => Assert.Equal(PkTerveys, n!["registerId"]!.GetValue<string>()));
        Assert.Contains(listed, n => n!["attempts"]!.GetValue<int>() == 2);
        Assert.All(_webhook.Received, body => Assert.DoesNotContain("Uusi katu", body));
        var ledger = await Gateway.ClientFor("admin").GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger");
        var rectified = ledger!["items"]!.AsArray().Last(e => e!["type"]!.GetValue<string>() == "contact.rectified")!;
        Assert.Equal("population-register", rectified["data"]!["source"]!.GetValue<string>());
        Assert.Equal(request["requestId"]!.GetValue<string>(), rectified["requestId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_gateway_stopped_mid_fan_out_loses_nothing_and_a_new_one_completes_the_request()
    {
        var blocker = new BlockingCallFilter("ExecuteRightsTaskAsync", blockOnCall: 2);
        // The first gateway is the only node until it stops: on PostgreSQL two gateways form one cluster, and the
        // fan-out's calls could land on the other's silo, past the blocker.
        var first = NewGateway(services => { ConfigureServices(services); services.AddSingleton<IIncomingGrainCallFilter>(blocker); }, stopsMidWork: true);
        string requestId, subjectId;
        try
        {
            subjectId = await EnrolThroughAsync(first, NewEmail(), (Corporate, "contact-person", null), (PkTerveys, "feedback", null), (Elamasi, "basic-data", null));
            var created = await first.ClientFor("service").PostAsJsonAsync("/v1/requests", new { type = "erasure", subject = new { subjectId }, channel = "email" });
            requestId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["requestId"]!.GetValue<string>();
            _ = first.ClientFor("privacy-officer").PostAsJsonAsync($"/v1/requests/{requestId}/verification", new { method = "in-person", verifiedBy = "desk" });
            await blocker.Reached.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
        finally
        {
            await first.StopMidWorkAsync();
            blocker.Release();
        }

        var completed = await Eventually.TrueAsync(async () => Status(await GetRequestAsync(requestId)) == "completed", TimeSpan.FromSeconds(30));

        Assert.True(completed);
        var request = await GetRequestAsync(requestId);
        Assert.All(request["tasks"]!.AsArray(), t => Assert.Equal("done", t!["status"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, (await Officer.GetAsync($"/v1/subjects/{subjectId}")).StatusCode);
        var verification = await Officer.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger/verification");
        Assert.True(verification!["valid"]!.GetValue<bool>());
    }
}

[Collection(PostgresCollection3.Name)]
public sealed class PostgresRightsRequestTests(PostgresClusterFixture postgres, ClassGateway shared) : RightsRequestTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteRightsRequestTests(ClassGateway shared) : RightsRequestTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}

[Collection(PostgresCollection3.Name)]
public sealed class PostgresRightsRequestOwnGatewayTests(PostgresClusterFixture postgres) : RightsRequestOwnGatewayTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteRightsRequestOwnGatewayTests : RightsRequestOwnGatewayTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
