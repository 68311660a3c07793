using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests.OpenApi;

/// <summary>
/// For every operation with a JSON body: bad bodies generated from the served document's request schema (see
/// <see cref="BadBodies"/>), each sent on its own against real resources, must all be refused with a 4xx
/// problem+json, never accepted and never a 5xx. The failure lists every case that was not.
/// </summary>
public abstract class OpenApiBadBodiesTests : GatewayTestBase
{
    private const string Register = "pk-terveys-customers";

    [Fact]
    public async Task Every_bad_body_the_schema_describes_is_refused_with_a_problem()
    {
        var client = Gateway.CreateClient();
        var contract = await ServedContract.LoadAsync(client);
        var admin = Gateway.ClientFor("admin");
        var email = $"fuzz-{Guid.NewGuid():N}@example.fi";
        var enrolled = await admin.PostAsJsonAsync($"/v1/registers/{Register}/members", new { identifiers = new[] { new { kind = "email", value = email } }, categories = new[] { new { id = "basic-data" } } });
        var subjectId = (await enrolled.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
        var created = await admin.PostAsJsonAsync("/v1/requests", new { type = "access", channel = "email", subject = new { subjectId } });
        var requestId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["requestId"]!.GetValue<string>();
        var definition = (await admin.GetFromJsonAsync<JsonObject>($"/v1/registers/{Register}"))!["definition"]!;
        var newRegister = $"fuzz-{Guid.NewGuid():N}"[..16];
        var path = new Dictionary<string, string>
        {
            ["registerId"] = Register, ["subjectId"] = subjectId, ["purposeId"] = "direct-marketing", ["scope"] = "direct-marketing", ["requestId"] = requestId,
        };

        var generator = new BadBodies(contract);
        var failures = new List<string>();
        var sent = 0;
        foreach (var operation in contract.Operations)
        {
            if (contract.RequestSchema(operation) is not { } schema)
            {
                continue;
            }
            var (method, template) = ServedContract.Split(operation);
            var valid = contract.RequestExample(operation);
            var url = path.Aggregate(template, (u, p) => u.Replace($"{{{p.Key}}}", p.Value, StringComparison.Ordinal));
            if (operation == "PUT /v1/registers/{registerId}")
            {
                // A register that does not exist yet, so a wrongly accepted body shows as a 2xx and changes no sample register.
                var copy = definition.DeepClone();
                copy["id"] = newRegister;
                valid = copy;
                url = $"/v1/registers/{newRegister}";
            }
            Assert.True(valid is not null, $"{operation} has a JSON body but no example in the document.");
            foreach (var bad in generator.From(schema, valid!))
            {
                sent++;
                using var request = new HttpRequestMessage(new HttpMethod(method), url)
                {
                    Content = new StringContent(bad.Body.ToJsonString(), Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("X-Api-Key", GatewayFactory.KeyFor("admin"));
                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                if (status is < 400 or >= 500 || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Add($"{operation}: {bad.Change} -> {status} {response.Content.Headers.ContentType?.MediaType}");
                }
            }
        }

        Assert.True(sent > 100, $"Only {sent} bad bodies were generated.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} bad bodies were not refused with a 4xx problem:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_bad_import_line_the_schema_describes_is_reported_by_line_and_the_rest_imported()
    {
        var client = Gateway.CreateClient();
        var contract = await ServedContract.LoadAsync(client);
        var lines = contract.Operation("POST /v1/imports")!["requestBody"]!["content"]!["application/x-ndjson"]!;
        var valid = JsonNode.Parse(lines["example"]!.GetValue<string>().Split('\n')[0])!;
        var failures = new List<string>();
        var sent = 0;
        foreach (var bad in new BadBodies(contract).From(lines["schema"]!, valid))
        {
            sent++;
            // The bad line between two good ones: it is reported as line 2 and the good ones are imported.
            var good = (JsonNode)new JsonObject
            {
                ["registerId"] = Register,
                ["identifiers"] = new JsonArray(new JsonObject { ["kind"] = "email", ["value"] = $"import-{Guid.NewGuid():N}@example.fi" }),
            };
            var body = string.Join('\n', good.ToJsonString(), bad.Body.ToJsonString(), good.ToJsonString());
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/imports") { Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson") };
            request.Headers.Add("X-Api-Key", GatewayFactory.KeyFor("admin"));
            using var response = await client.SendAsync(request);
            var answer = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
            var errors = answer?["errors"]?.AsArray();
            if (answer is null || answer["failed"]?.GetValue<long>() != 1 || errors?.Count != 1 || errors[0]!["line"]!.GetValue<long>() != 2
                || answer["rows"]?.GetValue<long>() != 3)
            {
                failures.Add($"{bad.Change} -> {(int)response.StatusCode} {answer?.ToJsonString()}");
            }
        }

        Assert.True(sent > 30, $"Only {sent} bad lines were generated.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} bad import lines were not reported as line 2 of 3:\n" + string.Join("\n", failures));
    }
}

[Collection(PostgresCollection2.Name)]
public sealed class PostgresOpenApiBadBodiesTests(PostgresClusterFixture postgres, ClassGateway shared) : OpenApiBadBodiesTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteOpenApiBadBodiesTests(ClassGateway shared) : OpenApiBadBodiesTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
