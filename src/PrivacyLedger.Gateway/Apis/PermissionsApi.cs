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
    public static IEndpointRouteBuilder MapPermissionsApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1/permissions").WithTags("Permissions")
            .MapPost("/check", CheckBatchAsync);
        return app;
    }

    /// <summary>
    /// The check asked for. <c>channel</c> may be left out: the subject's grain refuses the check (400, <c>channel</c>)
    /// only where the purpose's decision depends on it (consent, or objections, which are per channel).
    /// </summary>
    public static PermissionQuery ToQuery(string? purpose, string? channel, string? register)
    {
        var checkedPurpose = RequestValidation.Required(QueryText.Checked(purpose, "purpose", FieldLimits.Id), "purpose");
        if (!string.IsNullOrEmpty(channel) && !Vocabulary.Channels.Contains(channel))
        {
            throw new LedgerValidationException("channel", $"channel must be one of: {string.Join(", ", Vocabulary.Channels)}.");
        }
        QueryText.Checked(register, "register", FieldLimits.Id);
        return new PermissionQuery(checkedPurpose, string.IsNullOrEmpty(channel) ? null : channel, string.IsNullOrEmpty(register) ? null : register);
    }

    private static async Task<Results<Ok<BatchPermissionResponse>, ValidationProblem>> CheckBatchAsync(BatchPermissionRequest request, SubjectDirectory directory)
    {
        var query = ToQuery(request.Purpose, request.Channel, request.Register);
        return TypedResults.Ok(new BatchPermissionResponse(await PermissionChecks.CheckManyAsync(directory, query, request.SubjectIds)));
    }
}
