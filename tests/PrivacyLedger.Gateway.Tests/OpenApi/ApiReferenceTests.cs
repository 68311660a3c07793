using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PrivacyLedger.Gateway.Tests.OpenApi;

/// <summary>
/// docs/api.md documents every route the gateway serves and no other, and the OpenAPI document describes
/// every /v1 route. Which storage the gateway runs on does not change its routes, so this runs once, on SQLite.
/// </summary>
public sealed partial class ApiReferenceTests : GatewayTestBase
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();

    // Every route the gateway can serve: the opt-in ones too.
    protected override IReadOnlyDictionary<string, string?> ExtraSettings() => new Dictionary<string, string?> { ["Cluster:Dashboard"] = "true" };

    [Fact]
    public async Task Every_route_is_in_the_reference_and_the_document_and_nothing_else_is()
    {
        var served = ServedRoutes();
        var documented = DocumentedRoutes();
        var contract = await ServedContract.LoadAsync(Gateway.CreateClient());
        var described = contract.Operations.ToHashSet();

        var problems = served.Except(documented).Select(r => $"{r}: served but not in docs/api.md")
            .Concat(documented.Except(served).Select(r => $"{r}: in docs/api.md but not served"))
            .Concat(served.Where(r => r.Contains(" /v1/", StringComparison.Ordinal)).Except(described).Select(r => $"{r}: served but not in /openapi/v1.json"))
            .Concat(described.Except(served).Select(r => $"{r}: in /openapi/v1.json but not served"))
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Every_example_in_the_document_fits_its_own_schema()
    {
        var contract = await ServedContract.LoadAsync(Gateway.CreateClient());
        var checkedExamples = 0;
        var problems = new List<string>();
        foreach (var (name, schema) in contract.Document["components"]!["schemas"]!.AsObject())
        {
            foreach (var example in schema!["examples"] as System.Text.Json.Nodes.JsonArray ?? [])
            {
                checkedExamples++;
                if (contract.Check(new System.Text.Json.Nodes.JsonObject { ["$ref"] = $"#/components/schemas/{name}" }, example) is { } why)
                {
                    problems.Add($"schema {name}: {why}");
                }
            }
        }
        foreach (var operation in contract.Operations)
        {
            if (contract.RequestSchema(operation) is { } schema && contract.RequestExample(operation) is { } example)
            {
                checkedExamples++;
                if (contract.Check(schema, example) is { } why)
                {
                    problems.Add($"{operation} body: {why}");
                }
            }
        }
        Assert.True(checkedExamples > 20, $"Only {checkedExamples} examples in the document.");
        // The check is not vacuous: an answer missing its required fields does not fit.
        Assert.NotNull(contract.Check(new System.Text.Json.Nodes.JsonObject { ["$ref"] = "#/components/schemas/EnrolResponse" }, new System.Text.Json.Nodes.JsonObject()));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>"METHOD /path" of every endpoint, as the routing table has it.</summary>
    private HashSet<string> ServedRoutes()
    {
        var sources = Gateway.Services.GetServices<EndpointDataSource>();
        // gRPC methods are not HTTP/JSON routes: they are described by their .proto files, not here.
        return [.. sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<global::Grpc.AspNetCore.Server.GrpcMethodMetadata>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} {Normalize(e.RoutePattern.RawText ?? "")}"))];
    }

    private static string Normalize(string pattern) =>
        "/" + pattern.Trim('/').Replace("{documentName}", "v1", StringComparison.Ordinal);

    /// <summary>The route headings of docs/api.md: <c>### `METHOD /path`</c>.</summary>
    private static HashSet<string> DocumentedRoutes()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docs", "api.md")))
        {
            directory = directory.Parent;
        }
        Assert.True(directory is not null, "docs/api.md was not found above the test's directory.");
        var text = File.ReadAllText(Path.Combine(directory.FullName, "docs", "api.md"));
        return [.. RouteHeading().Matches(text).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}")];
    }

    [GeneratedRegex(@"^### `(GET|POST|PUT|DELETE|PATCH) (/[^`\s]*)`\s*$", RegexOptions.Multiline)]
    private static partial Regex RouteHeading();
}
