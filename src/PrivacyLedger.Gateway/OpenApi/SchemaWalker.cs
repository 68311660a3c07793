using Microsoft.OpenApi;

namespace PrivacyLedger.Gateway.OpenApi;

/// <summary>Small edits on the generated schemas, shared by the document transformers.</summary>
internal static class SchemaWalker
{
    /// <summary>Every inline schema reachable from <paramref name="root"/>, the root first; references are not followed.</summary>
    public static IEnumerable<OpenApiSchema> InlineSchemas(IOpenApiSchema? root)
    {
        if (root is not OpenApiSchema schema)
        {
            yield break;
        }
        yield return schema;
        var children = (schema.Properties?.Values ?? [])
            .Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.AllOf ?? [])
            .Append(schema.Items).Append(schema.AdditionalProperties);
        foreach (var child in children)
        {
            foreach (var nested in InlineSchemas(child))
            {
                yield return nested;
            }
        }
    }

    /// <summary>Null is allowed: a <c>null</c> type or a <c>oneOf</c> with a null branch.</summary>
    public static bool AllowsNull(IOpenApiSchema schema) =>
        schema is OpenApiSchema inline
        && ((inline.Type is { } type && type.HasFlag(JsonSchemaType.Null))
            || (inline.OneOf?.Any(o => o is OpenApiSchema { Type: JsonSchemaType.Null }) ?? false));

    /// <summary>The same schema without null: the null type flag or the null branch of a <c>oneOf</c> removed.</summary>
    public static IOpenApiSchema WithoutNull(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema inline)
        {
            return schema;
        }
        if (inline.OneOf is { } oneOf && oneOf.Any(o => o is OpenApiSchema { Type: JsonSchemaType.Null }))
        {
            var rest = oneOf.Where(o => o is not OpenApiSchema { Type: JsonSchemaType.Null }).ToList();
            if (rest.Count == 1)
            {
                return rest[0];
            }
            inline.OneOf = rest;
        }
        if (inline.Type is { } type)
        {
            inline.Type = type & ~JsonSchemaType.Null;
        }
        return inline;
    }

    /// <summary>
    /// Numbers are written as JSON numbers; the generator's "or a numeric string" (the reader's leniency) is
    /// dropped so a client is told the one form to send and expect.
    /// </summary>
    public static void NumbersAsNumbers(OpenApiSchema schema)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
    }
}
