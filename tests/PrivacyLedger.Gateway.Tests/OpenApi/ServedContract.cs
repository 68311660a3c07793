using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace PrivacyLedger.Gateway.Tests.OpenApi;

/// <summary>
/// The OpenAPI document the gateway serves, as JSON Schema: an operation's request or answer schema with the
/// document's component schemas under <c>$defs</c>, so its <c>$ref</c>s resolve.
/// </summary>
public sealed class ServedContract(JsonObject document)
{
    private const string ComponentsPrefix = "#/components/schemas/";

    public JsonObject Document { get; } = document;

    public static async Task<ServedContract> LoadAsync(HttpClient client) =>
        new((await JsonNode.ParseAsync(await client.GetStreamAsync("/openapi/v1.json")))!.AsObject());

    /// <summary>Every operation as "METHOD /path".</summary>
    public IEnumerable<string> Operations =>
        Document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => $"{o.Key.ToUpperInvariant()} {p.Key}"));

    public JsonObject? Operation(string operation)
    {
        var (method, path) = Split(operation);
        return Document["paths"]?[path]?[method.ToLowerInvariant()]?.AsObject();
    }

    public JsonObject? Response(string operation, int status) => Operation(operation)?["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?.AsObject();

    public JsonNode? RequestSchema(string operation) => Operation(operation)?["requestBody"]?["content"]?["application/json"]?["schema"];

    public JsonNode? RequestExample(string operation) => Operation(operation)?["requestBody"]?["content"]?["application/json"]?["example"];

    /// <summary>A component schema by name, or the schema a <c>$ref</c> points to.</summary>
    public JsonObject Resolve(JsonNode schema) =>
        schema["$ref"] is { } reference && reference.GetValue<string>() is var target && target.StartsWith(ComponentsPrefix, StringComparison.Ordinal)
            ? Resolve(Document["components"]!["schemas"]![target[ComponentsPrefix.Length..]]!)
            : schema.AsObject();

    /// <summary>The schema as a standalone JSON Schema (2020-12) with the components as <c>$defs</c>.</summary>
    public JsonSchema Compile(JsonNode schema)
    {
        var text = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = Document["components"]!["schemas"]!.DeepClone(),
            ["allOf"] = new JsonArray(schema.DeepClone()),
        }.ToJsonString().Replace(ComponentsPrefix, "#/$defs/", StringComparison.Ordinal);
        return JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    /// <summary>Why <paramref name="instance"/> does not fit <paramref name="schema"/>, or null when it does.</summary>
    public string? Check(JsonNode schema, JsonNode? instance)
    {
        var result = Compile(schema).Evaluate(JsonSerializer.SerializeToElement(instance), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return null;
        }
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"));
        return string.Join("; ", errors.Take(8));
    }

    public static (string Method, string Path) Split(string operation)
    {
        var space = operation.IndexOf(' ', StringComparison.Ordinal);
        return (operation[..space], operation[(space + 1)..]);
    }
}
