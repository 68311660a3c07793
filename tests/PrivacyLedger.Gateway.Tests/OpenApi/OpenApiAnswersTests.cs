using System.Text.Json.Nodes;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests.OpenApi;

/// <summary>
/// Every operation's real answers, success and error, fit what the served OpenAPI document declares for that
/// operation and status: a realistic day (registers, enrolment, consents, checks, requests, a campaign dry run,
/// the ledger) driven through the API, each answer checked as it comes.
/// </summary>
public abstract class OpenApiAnswersTests : GatewayTestBase
{
    private const string Register = "pk-terveys-customers";
    private const string Marketing = "direct-marketing";

    private static Dictionary<string, string> P(params (string Name, string Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    [Fact]
    public async Task Every_operation_answers_as_the_document_declares()
    {
        var contract = await ServedContract.LoadAsync(Gateway.CreateClient());
        var api = new ContractRecorder(contract, Gateway);
        var email = $"maija-{Guid.NewGuid():N}@example.fi";
        var customer = $"C-{Guid.NewGuid():N}"[..14];

        // Registers, and one of our own whose category an external system erases.
        await api.CallAsync("privacy-officer", "GET /v1/registers", P());
        var stored = (await api.CallAsync("service", "GET /v1/registers/{registerId}", P(("registerId", Register)))).Body!;
        await api.CallAsync("service", "GET /v1/registers/{registerId}", P(("registerId", "no-such-register")));
        var external = $"ext-{Guid.NewGuid():N}"[..16];
        var definition = stored["definition"]!.DeepClone().AsObject();
        definition["id"] = external;
        definition["categories"]![0]!["external"] = true;
        var externalCategory = definition["categories"]![0]!["id"]!.GetValue<string>();
        await api.CallAsync("admin", "PUT /v1/registers/{registerId}", P(("registerId", external)), definition);
        await api.CallAsync("admin", "PUT /v1/registers/{registerId}", P(("registerId", "other-id")), definition);

        // Enrolment, one by one and by import.
        var enrol = contract.RequestExample("POST /v1/registers/{registerId}/members")!.DeepClone().AsObject();
        enrol["identifiers"] = new JsonArray(new JsonObject { ["kind"] = "email", ["value"] = email }, new JsonObject { ["kind"] = "customer-number", ["value"] = customer });
        enrol["contact"]!["email"] = email;
        var subjectId = (await api.CallAsync("service", "POST /v1/registers/{registerId}/members", P(("registerId", Register)), enrol)).Body!["subjectId"]!.GetValue<string>();
        await api.CallAsync("service", "POST /v1/registers/{registerId}/members", P(("registerId", Register)), enrol);
        await api.CallAsync("service", "POST /v1/registers/{registerId}/members", P(("registerId", external)),
            new { identifiers = new[] { new { kind = "email", value = email } }, categories = new[] { new { id = externalCategory } }, source = "crm" });
        await api.CallAsync("service", "POST /v1/registers/{registerId}/members", P(("registerId", Register)), new { identifiers = Array.Empty<object>() });
        await api.CallAsync("privacy-officer", "GET /v1/registers/{registerId}/members", P(("registerId", Register), ("?", "limit=2")));
        await api.CallAsync("campaign-operator", "GET /v1/registers/{registerId}/members", P(("registerId", Register), ("?", "limit=0")));
        var lines = $$"""
            {"registerId":"{{Register}}","identifiers":[{"kind":"email","value":"import-{{Guid.NewGuid():N}}@example.fi"}],"categories":[{"id":"basic-data"}]}
            {"identifiers":[]}
            """;
        await api.CallAsync("service", "POST /v1/imports", P(), lines, "application/x-ndjson");
        await api.CallAsync("service", "POST /v1/imports", P(), lines, "text/csv");

        // The person: lookup, preferences, checks, ledger.
        await api.CallAsync("privacy-officer", "GET /v1/subjects", P(("?", $"identifier=email:{email}")));
        await api.CallAsync("privacy-officer", "GET /v1/subjects", P(("?", "identifier=nonsense")));
        await api.CallAsync("privacy-officer", "GET /v1/subjects/{subjectId}", P(("subjectId", subjectId)));
        await api.CallAsync("privacy-officer", "GET /v1/subjects/{subjectId}", P(("subjectId", "nobody")));
        var person = P(("subjectId", subjectId), ("purposeId", Marketing), ("scope", Marketing), ("registerId", Register));
        var consent = contract.RequestExample("PUT /v1/subjects/{subjectId}/consents/{purposeId}")!;
        await api.CallAsync("service", "PUT /v1/subjects/{subjectId}/consents/{purposeId}", person, consent);
        await api.CallAsync("service", "PUT /v1/subjects/{subjectId}/consents/{purposeId}", P(("subjectId", subjectId), ("purposeId", "no-such-purpose")), consent);
        await api.CallAsync("marketing", "GET /v1/subjects/{subjectId}/permissions", P(("subjectId", subjectId), ("?", $"purpose={Marketing}&channel=email&register={Register}")));
        await api.CallAsync("marketing", "GET /v1/subjects/{subjectId}/permissions", P(("subjectId", "nobody"), ("?", $"purpose={Marketing}&channel=email")));
        await api.CallAsync("marketing", "POST /v1/permissions/check", P(), new { purpose = Marketing, channel = "email", register = Register, subjectIds = new[] { subjectId, "nobody" } });
        await api.CallAsync("marketing", "POST /v1/permissions/check", P(), new { purpose = Marketing, channel = "email", subjectIds = Array.Empty<string>() });
        await api.CallAsync("service", "DELETE /v1/subjects/{subjectId}/consents/{purposeId}", person, contract.RequestExample("DELETE /v1/subjects/{subjectId}/consents/{purposeId}"));
        await api.CallAsync("service", "DELETE /v1/subjects/{subjectId}/consents/{purposeId}", P(("subjectId", "nobody"), ("purposeId", Marketing)));
        await api.CallAsync("service", "PUT /v1/subjects/{subjectId}/objections/{scope}", person, contract.RequestExample("PUT /v1/subjects/{subjectId}/objections/{scope}"));
        await api.CallAsync("service", "PUT /v1/subjects/{subjectId}/objections/{scope}", P(("subjectId", subjectId), ("scope", "no-such-scope")), contract.RequestExample("PUT /v1/subjects/{subjectId}/objections/{scope}"));
        await api.CallAsync("service", "DELETE /v1/subjects/{subjectId}/objections/{scope}", person, contract.RequestExample("DELETE /v1/subjects/{subjectId}/objections/{scope}"));
        await api.CallAsync("service", "DELETE /v1/subjects/{subjectId}/objections/{scope}", P(("subjectId", "nobody"), ("scope", Marketing)));
        await api.CallAsync("privacy-officer", "PUT /v1/subjects/{subjectId}/restrictions/{registerId}", person, contract.RequestExample("PUT /v1/subjects/{subjectId}/restrictions/{registerId}"));
        await api.CallAsync("privacy-officer", "PUT /v1/subjects/{subjectId}/restrictions/{registerId}", person, new { reason = "" });
        await api.CallAsync("privacy-officer", "DELETE /v1/subjects/{subjectId}/restrictions/{registerId}", person);
        await api.CallAsync("privacy-officer", "DELETE /v1/subjects/{subjectId}/restrictions/{registerId}", P(("subjectId", "nobody"), ("registerId", Register)));
        await api.CallAsync("privacy-officer", "GET /v1/subjects/{subjectId}/ledger", P(("subjectId", subjectId), ("?", "limit=5")));
        await api.CallAsync("privacy-officer", "GET /v1/subjects/{subjectId}/ledger", P(("subjectId", subjectId), ("?", "limit=0")));
        await api.CallAsync("privacy-officer", "GET /v1/subjects/{subjectId}/ledger/verification", P(("subjectId", subjectId)));
        await api.CallAsync("privacy-officer", "GET /v1/subjects/{subjectId}/ledger/verification", P(("subjectId", "nobody")));

        // Rights requests: an access request through to its export, one refused, one cancelled, an erasure confirmed by the external system.
        var access = contract.RequestExample("POST /v1/requests")!.DeepClone().AsObject();
        access["subject"] = new JsonObject { ["identifiers"] = new JsonArray(new JsonObject { ["kind"] = "email", ["value"] = email }) };
        access["receivedAt"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O");
        var accessId = (await api.CallAsync("service", "POST /v1/requests", P(), access)).Body!["requestId"]!.GetValue<string>();
        await api.CallAsync("service", "POST /v1/requests", P(), new { type = "access", channel = "web", subject = new { identifiers = new[] { new { kind = "email", value = "nobody-known@example.fi" } } } });
        await api.CallAsync("privacy-officer", "GET /v1/requests", P(("?", "limit=10")));
        await api.CallAsync("privacy-officer", "GET /v1/requests", P(("?", "status=bogus")));
        await api.CallAsync("privacy-officer", "GET /v1/requests/{requestId}", P(("requestId", accessId)));
        await api.CallAsync("privacy-officer", "GET /v1/requests/{requestId}", P(("requestId", "no-such-request")));
        await api.CallAsync("privacy-officer", "GET /v1/requests/{requestId}/export", P(("requestId", accessId)));
        await api.CallAsync("privacy-officer", "POST /v1/requests/{requestId}/extension", P(("requestId", accessId)), contract.RequestExample("POST /v1/requests/{requestId}/extension"));
        await api.CallAsync("privacy-officer", "POST /v1/requests/{requestId}/verification", P(("requestId", accessId)), contract.RequestExample("POST /v1/requests/{requestId}/verification"));
        await api.CallAsync("privacy-officer", "POST /v1/requests/{requestId}/verification", P(("requestId", "no-such-request")), contract.RequestExample("POST /v1/requests/{requestId}/verification"));
        Assert.True(await Eventually.TrueAsync(async () =>
            (await api.CallAsync("privacy-officer", "GET /v1/requests/{requestId}", P(("requestId", accessId)))).Body?["status"]?.GetValue<string>() == "completed", TimeSpan.FromSeconds(20)));
        await api.CallAsync("privacy-officer", "GET /v1/requests/{requestId}/export", P(("requestId", accessId)));
        await api.CallAsync("privacy-officer", "POST /v1/requests/{requestId}/extension", P(("requestId", "no-such-request")), contract.RequestExample("POST /v1/requests/{requestId}/extension"));
        var refusedId = (await api.CallAsync("service", "POST /v1/requests", P(), new { type = "access", channel = "email", subject = new { subjectId } })).Body!["requestId"]!.GetValue<string>();
        await api.CallAsync("privacy-officer", "POST /v1/requests/{requestId}/refusal", P(("requestId", refusedId)), contract.RequestExample("POST /v1/requests/{requestId}/refusal"));
        await api.CallAsync("privacy-officer", "POST /v1/requests/{requestId}/refusal", P(("requestId", refusedId)), contract.RequestExample("POST /v1/requests/{requestId}/refusal"));
        var cancelledId = (await api.CallAsync("service", "POST /v1/requests", P(), new { type = "objection", channel = "phone", subject = new { subjectId }, details = new { scope = Marketing } })).Body!["requestId"]!.GetValue<string>();
        await api.CallAsync("privacy-officer", "POST /v1/requests/{requestId}/cancellation", P(("requestId", cancelledId)), contract.RequestExample("POST /v1/requests/{requestId}/cancellation"));
        await api.CallAsync("privacy-officer", "POST /v1/requests/{requestId}/cancellation", P(("requestId", cancelledId)), new { reason = (string?)null });
        var erasureId = (await api.CallAsync("service", "POST /v1/requests", P(), new { type = "erasure", channel = "email", subject = new { subjectId }, registers = new[] { external } })).Body!["requestId"]!.GetValue<string>();
        await api.CallAsync("privacy-officer", "POST /v1/requests/{requestId}/verification", P(("requestId", erasureId)), contract.RequestExample("POST /v1/requests/{requestId}/verification"));
        var confirmation = contract.RequestExample("POST /v1/requests/{requestId}/tasks/{registerId}/confirmation");
        await api.CallAsync("service", "POST /v1/requests/{requestId}/tasks/{registerId}/confirmation", P(("requestId", erasureId), ("registerId", external)), confirmation);
        await api.CallAsync("service", "POST /v1/requests/{requestId}/tasks/{registerId}/confirmation", P(("requestId", erasureId), ("registerId", external)), new { evidence = "" });
        await api.CallAsync("privacy-officer", "GET /v1/requests/{requestId}/receipt", P(("requestId", refusedId)));
        await api.CallAsync("privacy-officer", "GET /v1/requests/{requestId}/receipt", P(("requestId", cancelledId)));

        // Campaigns: a dry run, and a paced real run over people never known (it erases no one) paused, resumed and
        // cancelled while it runs; an upload; a retention sweep dry run.
        await api.CallAsync("campaign-operator", "POST /v1/campaigns", P(), contract.RequestExample("POST /v1/campaigns"));
        var campaign = contract.RequestExample("POST /v1/campaigns")!.DeepClone().AsObject();
        campaign["maxPerSecond"] = 1;
        campaign["dryRun"] = false;
        campaign["kind"] = "erasure";
        campaign["selector"] = new JsonObject { ["subjectIds"] = new JsonArray([.. Enumerable.Range(0, 60).Select(i => (JsonNode)$"unknown-{i}")]) };
        var campaignId = (await api.CallAsync("campaign-operator", "POST /v1/campaigns", P(), campaign)).Body!["campaignId"]!.GetValue<string>();
        await api.CallAsync("campaign-operator", "POST /v1/campaigns", P(), new { kind = "erasure", registerId = "no-such-register", selector = new { subjectIds = new[] { subjectId } }, dryRun = true });
        var run = P(("campaignId", campaignId));
        await api.CallAsync("campaign-operator", "GET /v1/campaigns/{campaignId}", run);
        await api.CallAsync("campaign-operator", "GET /v1/campaigns/{campaignId}", P(("campaignId", "no-such-campaign")));
        await api.CallAsync("privacy-officer", "GET /v1/campaigns", P(("?", "status=running&limit=5")));
        await api.CallAsync("campaign-operator", "GET /v1/campaigns", P(("?", "status=bogus")));
        await api.CallAsync("campaign-operator", "POST /v1/campaigns/{campaignId}/pause", run);
        await api.CallAsync("campaign-operator", "POST /v1/campaigns/{campaignId}/resume", run);
        await api.CallAsync("campaign-operator", "POST /v1/campaigns/{campaignId}/cancel", run);
        await api.CallAsync("campaign-operator", "POST /v1/campaigns/{campaignId}/pause", P(("campaignId", "no-such-campaign")));
        await api.CallAsync("campaign-operator", "POST /v1/campaigns/{campaignId}/resume", P(("campaignId", "no-such-campaign")));
        await api.CallAsync("campaign-operator", "POST /v1/campaigns/{campaignId}/cancel", P(("campaignId", "no-such-campaign")));
        await api.CallAsync("campaign-operator", "GET /v1/campaigns/{campaignId}/items", P(("campaignId", campaignId), ("?", "limit=5")));
        await api.CallAsync("campaign-operator", "GET /v1/campaigns/{campaignId}/items", P(("campaignId", campaignId), ("?", "status=bogus")));
        await api.CallAsync("campaign-operator", "POST /v1/campaigns/uploads", P(), $"{subjectId}\nunknown-1\n", "text/plain");
        await api.CallAsync("campaign-operator", "POST /v1/campaigns/uploads", P(), "not an id!\n", "text/plain");
        await api.CallAsync("campaign-operator", "POST /v1/retention/sweeps", P(), contract.RequestExample("POST /v1/retention/sweeps"));
        await api.CallAsync("campaign-operator", "POST /v1/retention/sweeps", P(), new { dryRun = "yes" });

        // The erasure journal's reconciliation, a dry run.
        await api.CallAsync("admin", "POST /v1/erasures/reconcile", P(), contract.RequestExample("POST /v1/erasures/reconcile"));
        await api.CallAsync("admin", "POST /v1/erasures/reconcile", P(), new { dryRun = "yes" });

        // The cluster's nodes.
        await api.CallAsync("admin", "GET /v1/cluster", P());

        // The master key rotation's counts.
        await api.CallAsync("admin", "GET /v1/keys/rotation", P());

        // Without a key, every operation answers a declared 401.
        foreach (var operation in contract.Operations)
        {
            await api.CallWithoutKeyAsync(operation, P(("registerId", Register), ("subjectId", subjectId), ("purposeId", Marketing), ("scope", Marketing),
                ("requestId", accessId), ("campaignId", campaignId)));
        }

        var problems = api.Mismatches.Concat(api.Uncovered()).ToList();
        Assert.True(problems.Count == 0, $"{problems.Count} answers differ from the OpenAPI document:\n" + string.Join("\n", problems));
    }
}

[Collection(PostgresCollection4.Name)]
public sealed class PostgresOpenApiAnswersTests(PostgresClusterFixture postgres) : OpenApiAnswersTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteOpenApiAnswersTests : OpenApiAnswersTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
