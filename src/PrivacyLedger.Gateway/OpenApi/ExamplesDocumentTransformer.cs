using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Campaigns;
using PrivacyLedger.Ledger.Requests;

namespace PrivacyLedger.Gateway.OpenApi;

/// <summary>
/// Per operation: example bodies, the JSON Lines import's line schema, and what query parameters take
/// (ranges, closed value sets, which are required), as the handlers check them.
/// </summary>
internal sealed class ExamplesDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (path, item) in document.Paths ?? [])
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var key = $"{method.Method.ToUpperInvariant()} {path}";
                AddBodyExample(key, operation);
                foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
                {
                    DescribeParameter(key, parameter);
                }
            }
        }
        foreach (var (name, json) in OperationExamples.Answers)
        {
            if (document.Components?.Schemas?.TryGetValue(name, out var schema) == true && schema is OpenApiSchema inline)
            {
                inline.Examples = [JsonNode.Parse(json)!];
            }
        }
        return Task.CompletedTask;
    }

    private static void AddBodyExample(string key, OpenApiOperation operation)
    {
        if (operation.RequestBody is not { Content: { } content } body)
        {
            return;
        }
        if (OperationExamples.Bodies.TryGetValue(key, out var json) && content.TryGetValue("application/json", out var media) && media is OpenApiMediaType jsonMedia)
        {
            jsonMedia.Example = JsonNode.Parse(json);
        }
        if (OperationExamples.TextBodies.TryGetValue(key, out var text))
        {
            foreach (var (type, textMedia) in content.ToList())
            {
                if (textMedia is OpenApiMediaType inline)
                {
                    inline.Example = JsonValue.Create(text);
                }
            }
        }
        if (key == "POST /v1/imports" && body is OpenApiRequestBody importBody)
        {
            importBody.Description = "JSON Lines: one ImportLine object per line (application/x-ndjson or application/jsonl). "
                + "A line that cannot be read is reported in the answer's errors by line number; the other lines are imported.";
            if (content.TryGetValue("application/x-ndjson", out var ndjson))
            {
                content["application/jsonl"] = new OpenApiMediaType { Schema = ndjson.Schema, Example = ndjson.Example };
            }
        }
        if (key == "POST /v1/campaigns/uploads" && body is OpenApiRequestBody uploadBody)
        {
            uploadBody.Description = "text/plain: one subject id per line (up to 64 letters, digits, '-' or '_'), at most 1,000,000 ids and 64 MiB.";
        }
    }

    private static void DescribeParameter(string key, OpenApiParameter parameter)
    {
        var schema = parameter.Schema as OpenApiSchema;
        switch (parameter.Name)
        {
            case "limit" when schema is not null:
                schema.Minimum = "1";
                schema.Maximum = key.StartsWith("GET /v1/requests", StringComparison.Ordinal) ? "500" : "1000";
                parameter.Description = "Page size.";
                break;
            case "after" when key == "GET /v1/subjects/{subjectId}/ledger" && schema is not null:
                schema.Minimum = "0";
                parameter.Description = "The sequence number the page starts after (the previous page's next).";
                break;
            case "after":
                parameter.Description = "The previous page's next cursor.";
                break;
            case "status" when schema is not null && key == "GET /v1/campaigns":
                schema.Enum = WireValues<CampaignStatus>();
                break;
            case "status" when schema is not null && key.StartsWith("GET /v1/campaigns", StringComparison.Ordinal):
                schema.Enum = WireValues<CampaignItemStatus>();
                break;
            case "status" when schema is not null && key == "GET /v1/requests":
                schema.Enum = WireValues<RequestStatus>();
                break;
            case "identifier":
                parameter.Required = true;
                parameter.Description = "kind:value, e.g. email:maija.meikalainen@example.fi or customer-number:C-1001.";
                parameter.Example = JsonValue.Create("email:maija.meikalainen@example.fi");
                break;
            case "purpose" when parameter.In == ParameterLocation.Query:
                parameter.Required = true;
                break;
            case "scope" when schema is not null:
                schema.Enum = [.. Vocabulary.ObjectionScopes.Order(StringComparer.Ordinal).Select(c => (JsonNode)JsonValue.Create(c))];
                break;
            case "channel" when schema is not null:
                schema.Enum = [.. Vocabulary.Channels.Order(StringComparer.Ordinal).Select(c => (JsonNode)JsonValue.Create(c))];
                parameter.Description = "Required where the purpose's decision depends on the channel.";
                break;
            case "registerId" when parameter.In == ParameterLocation.Query:
                parameter.Description = "The register of lines that do not name their own.";
                break;
        }
    }

    private static List<JsonNode> WireValues<T>() where T : struct, Enum =>
        [.. Enum.GetValues<T>().Select(v => JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(v, LedgerJson.Options))!)];
}
