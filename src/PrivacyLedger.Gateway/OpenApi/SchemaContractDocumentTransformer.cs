using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PrivacyLedger.Gateway.Security;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Identity;

namespace PrivacyLedger.Gateway.OpenApi;

/// <summary>
/// Makes the schemas say what the gateway sends and takes. Answers leave null properties out
/// (<c>WhenWritingNull</c>), so a property that may be null is never <c>required</c>; request bodies name the
/// fields the gateway refuses to go without, and those are not nullable; enums are closed string sets;
/// vocabularies (channels, scopes, identifier kinds) and ranges are stated.
/// </summary>
internal sealed class SchemaContractDocumentTransformer : IOpenApiDocumentTransformer
{
    private static readonly string[] Channels = [.. Vocabulary.Channels.Order(StringComparer.Ordinal)];
    private static readonly string[] Scopes = [.. Vocabulary.ObjectionScopes.Order(StringComparer.Ordinal)];

    /// <summary>Request bodies: the fields the gateway refuses to go without (400 naming the field).</summary>
    private static readonly Dictionary<string, string[]> RequiredFields = new(StringComparer.Ordinal)
    {
        ["EnrolRequest"] = ["identifiers"],
        ["ImportLine"] = ["identifiers"],
        ["IdentifierDto"] = ["kind", "value"],
        ["CategoryDto"] = ["id"],
        ["ConsentRequest"] = ["source"],
        ["ObjectionRequest"] = ["source"],
        ["RestrictionRequest"] = ["reason"],
        ["BatchPermissionRequest"] = ["purpose", "subjectIds"],
        ["CreateRequestBody"] = ["type", "channel", "subject"],
        ["VerificationBody"] = ["method", "verifiedBy"],
        ["ExtensionBody"] = ["months", "reason"],
        ["RefusalBody"] = ["reason", "explanation"],
        ["CancellationBody"] = ["reason"],
        ["ConfirmationBody"] = ["evidence"],
        ["StartCampaignBody"] = ["kind"],
        ["RegisterDefinition"] = ["id", "name", "controller", "purposes"],
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "PrivacyLedger API";
        document.Info.Description = "The per-person privacy ledger's HTTP API v1. The reference with examples is docs/api.md in the repository; "
            + "string and list limits are in docs/api-limits.md. Every error is RFC 7807 problem+json; `errors` names each field at fault by its path.";
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SecurityOperationTransformer.SchemeId] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "A key configured under Auth:ApiKeys; its role decides which operations it may call.",
        };
        var schemas = document.Components.Schemas;
        schemas[ProblemResponses.SchemaId] = ProblemSchema();
        schemas.Remove("HttpValidationProblemDetails");

        foreach (var schema in schemas.Values.SelectMany(SchemaWalker.InlineSchemas).Concat(ParameterSchemas(document)).ToList())
        {
            SchemaWalker.NumbersAsNumbers(schema);
            CloseEnum(schema);
        }
        foreach (var (name, schema) in schemas)
        {
            foreach (var inline in SchemaWalker.InlineSchemas(schema).Where(s => s.Properties is { Count: > 0 }).ToList())
            {
                OptionalWhereNullable(inline);
            }
            if (RequiredFields.TryGetValue(name, out var required) && schema is OpenApiSchema body)
            {
                Require(body, required);
            }
        }
        StateVocabularies(schemas);
        return Task.CompletedTask;
    }

    private static IEnumerable<OpenApiSchema> ParameterSchemas(OpenApiDocument document) =>
        (document.Paths?.Values ?? Enumerable.Empty<IOpenApiPathItem>()).SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(o => o.Parameters ?? []).Select(p => p.Schema).OfType<OpenApiSchema>();

    /// <summary>C# enums: the generator lists null among the values when some use is nullable; the value set itself is closed strings.</summary>
    private static void CloseEnum(OpenApiSchema schema)
    {
        if (schema.Enum is { Count: > 0 } values && values.Any(v => v is null))
        {
            schema.Enum = [.. values.Where(v => v is not null)];
            schema.Type = JsonSchemaType.String;
        }
    }

    /// <summary>A null property is left out of answers, and stands for "not given" in bodies: never required.</summary>
    private static void OptionalWhereNullable(OpenApiSchema schema)
    {
        foreach (var (property, propertySchema) in schema.Properties!)
        {
            if (SchemaWalker.AllowsNull(propertySchema))
            {
                schema.Required?.Remove(property);
            }
        }
    }

    private static void Require(OpenApiSchema schema, IEnumerable<string> fields)
    {
        schema.Required ??= new HashSet<string>();
        foreach (var field in fields)
        {
            schema.Required.Add(field);
            schema.Properties![field] = SchemaWalker.WithoutNull(schema.Properties[field]);
        }
    }

    private static void StateVocabularies(IDictionary<string, IOpenApiSchema> schemas)
    {
        Property(schemas, "IdentifierDto", "kind").Enum = Strings(IdentifierKinds.WireNames);
        Property(schemas, "IdentifierDto", "value").MinLength = 1;
        Property(schemas, "IdentifierView", "kind").Enum = Strings(IdentifierKinds.WireNames);
        Property(schemas, "CategoryDto", "id").MinLength = 1;
        Items(schemas, "ConsentRequest", "channels").Enum = Strings(Channels);
        Items(schemas, "ObjectionRequest", "channels").Enum = Strings(Channels);
        Items(schemas, "ConsentView", "channels").Enum = Strings(Channels);
        Items(schemas, "ObjectionView", "channels").Enum = Strings(Channels);
        Property(schemas, "ObjectionView", "scope").Enum = Strings(Scopes);
        // Optional: null means "not given"; where the purpose's decision depends on the channel, its absence is a 400.
        Property(schemas, "BatchPermissionRequest", "channel").Enum = [.. Strings(Channels), null!];
        var subjectIds = Property(schemas, "BatchPermissionRequest", "subjectIds");
        subjectIds.MinItems = 1;
        subjectIds.MaxItems = FieldLimits.BatchSubjects;
        Property(schemas, "EnrolRequest", "identifiers").MinItems = 1;
        Property(schemas, "ImportLine", "identifiers").MinItems = 1;
        var months = Property(schemas, "ExtensionBody", "months");
        months.Minimum = "1";
        months.Maximum = "2";
        Property(schemas, "StartCampaignBody", "maxPerSecond").Minimum = "1";
        Property(schemas, "StartCampaignBody", "dryRun").Description = "Whether to only count and list whom the campaign would touch. A real run must say false.";
        // A ledger event's data is an object, or null where the event carries none or it was shredded (a JsonElement
        // would be described as "anything", which also matches null and breaks the generated oneOf).
        Property(schemas, "LedgerEntryView", "data");
        ((OpenApiSchema)schemas["LedgerEntryView"]).Properties!["data"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object | JsonSchemaType.Null,
            Description = "The event's data; null when the event carries none, or for good once the person's data key is destroyed (then shredded is true).",
        };
        Property(schemas, "SweepBody", "dryRun").Description = "Whether to only report what retention would remove. A real run must say false.";
        Property(schemas, "ReconcileBody", "dryRun").Description = "Whether to only report which erased people's keys are live again. A real run, which shreds them again, must say false.";
    }

    private static OpenApiSchema Property(IDictionary<string, IOpenApiSchema> schemas, string schema, string property) =>
        schemas.TryGetValue(schema, out var s) && s is OpenApiSchema { Properties: { } properties } && properties.TryGetValue(property, out var p) && p is OpenApiSchema inline
            ? inline
            : throw new InvalidOperationException($"The OpenAPI schema {schema}.{property} is missing or not inline; the contract rules need updating.");

    private static OpenApiSchema Items(IDictionary<string, IOpenApiSchema> schemas, string schema, string property) =>
        Property(schemas, schema, property).Items as OpenApiSchema
            ?? throw new InvalidOperationException($"The OpenAPI schema {schema}.{property} has no inline items.");

    private static List<JsonNode> Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)JsonValue.Create(v))];

    private static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 7807 problem. Details never repeat the request's data.",
        Required = new HashSet<string> { "title", "status" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "400", Maximum = "599" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Messages by the path of the field or parameter at fault, e.g. `identifiers[0].value`, `limit`.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
        Examples = [JsonNode.Parse("""{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"Invalid input","status":400,"detail":"identifiers[0].value is not a valid e-mail address.","errors":{"identifiers[0].value":["identifiers[0].value is not a valid e-mail address."]}}""")!],
    };
}
