using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Gateway.Errors;
using PrivacyLedger.Gateway.Security;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Subjects;
using Orleans;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Gateway.Apis;

internal static class RegistersApi
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1_000;

    public static IEndpointRouteBuilder MapRegistersApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/registers").WithTags("Registers");
        api.MapGet("/", ListAsync);
        api.MapGet("/{registerId}", GetAsync);
        api.MapPut("/{registerId}", PutAsync);
        api.MapGet("/{registerId}/members", ListMembersAsync);
        api.MapPost("/{registerId}/members", EnrolAsync);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<StoredRegister>>> ListAsync(RegisterCatalog catalog) =>
        TypedResults.Ok(await catalog.ListAsync());

    private static async Task<Results<Ok<StoredRegister>, NotFound>> GetAsync(string registerId, RegisterCatalog catalog) =>
        await catalog.FindStoredAsync(registerId) is { } stored ? TypedResults.Ok(stored) : TypedResults.NotFound();

    private static async Task<Results<Ok<StoredRegister>, ValidationProblem>> PutAsync(
        string registerId, RegisterDefinition definition, IGrainFactory grains, ClaimsPrincipal user)
    {
        var errors = RegisterDefinitionValidator.Validate(definition);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                title: "Invalid register definition");
        }
        if (definition.Id != registerId)
        {
            return Problems.Invalid("id", $"The definition's id must be '{registerId}', the id in the path.");
        }
        return TypedResults.Ok(await grains.GetGrain<IRegisterGrain>(registerId).PutAsync(definition, user.ToActor()));
    }

    private static async Task<Results<Ok<MembersResponse>, NotFound, ValidationProblem>> ListMembersAsync(
        string registerId, string? after, [Range(1, MaxPageSize)] int? limit, RegisterCatalog catalog, RegisterMembers members)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            return Problems.Invalid("limit", WireTypes.WholeNumberBetween("limit", 1, MaxPageSize));
        }
        QueryText.Checked(after, "after", FieldLimits.Cursor);
        if (await catalog.FindAsync(registerId) is null)
        {
            return TypedResults.NotFound();
        }
        var page = await members.ListAsync(registerId, after, limit ?? DefaultPageSize);
        return TypedResults.Ok(new MembersResponse(page.Items, page.Next));
    }

    private static async Task<Results<Created<EnrolResponse>, Ok<EnrolResponse>>> EnrolAsync(
        string registerId, EnrolRequest request, SubjectDirectory directory, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await directory.EnrolAsync(request.ToEnrolment(registerId), user.ToActor(), cancellationToken);
        var response = new EnrolResponse(outcome.SubjectId, outcome.Created);
        return outcome.Created ? TypedResults.Created($"/v1/subjects/{outcome.SubjectId}", response) : TypedResults.Ok(response);
    }
}
