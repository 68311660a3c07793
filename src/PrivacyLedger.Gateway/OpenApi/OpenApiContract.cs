using Microsoft.AspNetCore.OpenApi;

namespace PrivacyLedger.Gateway.OpenApi;

/// <summary>
/// Makes <c>/openapi/v1.json</c> describe what the gateway does: the API key, each operation's roles and
/// error answers, closed vocabularies, ranges, which fields a body needs, and examples. Kept apart from the
/// route handlers so the contract is stated in one place.
/// </summary>
internal static class OpenApiContract
{
    public static OpenApiOptions AddLedgerContract(this OpenApiOptions options)
    {
        options.AddOperationTransformer<SecurityOperationTransformer>();
        options.AddOperationTransformer<ErrorResponsesOperationTransformer>();
        options.AddDocumentTransformer<SchemaContractDocumentTransformer>();
        options.AddDocumentTransformer<ExamplesDocumentTransformer>();
        return options;
    }
}
