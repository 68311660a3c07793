using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Gateway.Errors;
using PrivacyLedger.Gateway.Security;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Permissions;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Gateway.Apis;

internal static class SubjectsApi
{
    private const int DefaultLedgerPage = 100;
    private const int MaxLedgerPage = 1_000;

    public static IEndpointRouteBuilder MapSubjectsApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/subjects").WithTags("Subjects");
        api.MapGet("/", LookupAsync);
        api.MapGet("/{subjectId}", GetAsync);
        api.MapPut("/{subjectId}/consents/{purposeId}", GrantConsentAsync);
        api.MapDelete("/{subjectId}/consents/{purposeId}", WithdrawConsentAsync);
        api.MapPut("/{subjectId}/objections/{scope}", ObjectAsync);
        api.MapDelete("/{subjectId}/objections/{scope}", WithdrawObjectionAsync);
        api.MapPut("/{subjectId}/restrictions/{registerId}", RestrictAsync);
        api.MapDelete("/{subjectId}/restrictions/{registerId}", LiftRestrictionAsync);
        api.MapGet("/{subjectId}/permissions", CheckPermissionAsync);
        api.MapGet("/{subjectId}/ledger", ReadLedgerAsync);
        api.MapGet("/{subjectId}/ledger/verification", VerifyLedgerAsync);
        return app;
    }

    private static async Task<Results<Ok<SubjectView>, NotFound>> LookupAsync(string? identifier, SubjectDirectory directory, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var subjectId = await directory.FindAsync(RequestValidation.ParseIdentifierQuery(identifier), cancellationToken);
        return subjectId is null ? TypedResults.NotFound() : TypedResults.Ok(await directory.Subject(subjectId).ReadAsync(user.ToActor()));
    }

    private static async Task<Ok<SubjectView>> GetAsync(string subjectId, SubjectDirectory directory, ClaimsPrincipal user) =>
        TypedResults.Ok(await directory.Subject(subjectId).ReadAsync(user.ToActor()));

    // Changes are made as SubjectChanges makes them for both APIs.
    // The grain refuses an unknown purpose (400, purposeId) or scope (400, scope): the rules live with the subject, not here.
    private static async Task<NoContent> GrantConsentAsync(string subjectId, string purposeId, ConsentRequest request, SubjectDirectory directory, ClaimsPrincipal user)
    {
        await directory.Subject(subjectId).GrantConsentAsync(purposeId, request, user.ToActor());
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> WithdrawConsentAsync(string subjectId, string purposeId, [FromBody] WithdrawalRequest? request, SubjectDirectory directory, ClaimsPrincipal user)
    {
        await directory.Subject(subjectId).WithdrawConsentAsync(purposeId, request, user.ToActor());
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> ObjectAsync(string subjectId, string scope, ObjectionRequest request, SubjectDirectory directory, ClaimsPrincipal user)
    {
        await directory.Subject(subjectId).ObjectAsync(scope, request, user.ToActor());
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> WithdrawObjectionAsync(string subjectId, string scope, [FromBody] WithdrawalRequest? request, SubjectDirectory directory, ClaimsPrincipal user)
    {
        await directory.Subject(subjectId).WithdrawObjectionAsync(scope, request, user.ToActor());
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> RestrictAsync(string subjectId, string registerId, RestrictionRequest request, SubjectDirectory directory, ClaimsPrincipal user)
    {
        await directory.Subject(subjectId).RestrictAsync(registerId, request, user.ToActor());
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> LiftRestrictionAsync(string subjectId, string registerId, SubjectDirectory directory, ClaimsPrincipal user)
    {
        await directory.Subject(subjectId).LiftRestrictionAsync(registerId, user.ToActor());
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<PermissionDecision>, NotFound>> CheckPermissionAsync(
        string subjectId, string? purpose, string? channel, string? register, SubjectDirectory directory)
    {
        var query = PermissionsApi.ToQuery(purpose, channel, register);
        return await directory.Subject(subjectId).CheckPermissionAsync(query) is { } decision ? TypedResults.Ok(decision) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<LedgerPage>, ValidationProblem>> ReadLedgerAsync(
        string subjectId, long? after, int? limit, SubjectDirectory directory, ClaimsPrincipal user)
    {
        if (after is < 0)
        {
            return Problems.Invalid("after", "after must be a sequence number, 0 or more.");
        }
        if (limit is < 1 or > MaxLedgerPage)
        {
            return Problems.Invalid("limit", $"limit must be between 1 and {MaxLedgerPage}.");
        }
        return TypedResults.Ok(await directory.Subject(subjectId).ReadLedgerAsync(after ?? 0, limit ?? DefaultLedgerPage, user.ToActor()));
    }

    private static async Task<Ok<VerificationResponse>> VerifyLedgerAsync(string subjectId, SubjectDirectory directory)
    {
        var verification = await directory.Subject(subjectId).VerifyLedgerAsync();
        return TypedResults.Ok(new VerificationResponse(verification.Valid, verification.Events, verification.Head));
    }
}
