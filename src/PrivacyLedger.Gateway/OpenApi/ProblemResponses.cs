using Microsoft.OpenApi;

namespace PrivacyLedger.Gateway.OpenApi;

/// <summary>Error answers as the gateway writes them: RFC 7807 problem+json with the <c>Problem</c> schema.</summary>
internal static class ProblemResponses
{
    public const string SchemaId = "Problem";
    public const string MediaType = "application/problem+json";

    public static void Add(OpenApiOperation operation, int status, string description)
    {
        operation.Responses ??= [];
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // One content type and one schema for every error, whatever the handler declared (ValidationProblem, bare NotFound).
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [MediaType] = new() { Schema = new OpenApiSchemaReference(SchemaId) },
            },
        };
    }
}
