using Microsoft.AspNetCore.Http.HttpResults;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Gateway.Errors;
using PrivacyLedger.Gateway.Security;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Permissions;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Gateway.Apis;

internal static class PermissionsApi
{
    public const int MaxBatch = 1_000;

    public static IEndpointRouteBuilder MapPermissionsApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1/permissions").WithTags("Permissions")
            .MapPost("/check", CheckBatchAsync);
        return app;
    }

    public static PermissionQuery ToQuery(string? purpose, string? channel, string? register)
    {
        var checkedChannel = RequestValidation.Required(channel, "channel");
        if (!Vocabulary.Channels.Contains(checkedChannel))
        {
            throw new LedgerValidationException("channel", $"Channels are {string.Join(", ", Vocabulary.Channels)}.");
        }
        return new PermissionQuery(RequestValidation.Required(purpose, "purpose"), checkedChannel, string.IsNullOrEmpty(register) ? null : register);
    }

    /// <summary>Up to 1,000 subjects checked concurrently, each on its own grain; answers in the order asked.</summary>
    private static async Task<Results<Ok<BatchPermissionResponse>, ValidationProblem>> CheckBatchAsync(BatchPermissionRequest request, SubjectDirectory directory)
    {
        var query = ToQuery(request.Purpose, request.Channel, request.Register);
        if (request.SubjectIds is not { Count: > 0 } subjectIds)
        {
            return Problems.Invalid("subjectIds", "At least one subject id is required.");
        }
        if (subjectIds.Count > MaxBatch)
        {
            return Problems.Invalid("subjectIds", $"At most {MaxBatch} subjects per check.");
        }
        var decisions = await Task.WhenAll(subjectIds.Select(async subjectId =>
            string.IsNullOrEmpty(subjectId) ? null : await directory.Subject(subjectId).CheckPermissionAsync(query)));
        var results = subjectIds.Select((subjectId, i) => decisions[i] is { } decision
            ? new BatchPermissionResult(subjectId, decision.Allowed, decision.Reasons)
            : new BatchPermissionResult(subjectId, false, ["unknown-subject"])).ToList();
        return TypedResults.Ok(new BatchPermissionResponse(results));
    }
}
