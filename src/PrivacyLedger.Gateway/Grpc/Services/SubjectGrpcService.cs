using System.Security.Claims;
using Grpc.Core;
using PrivacyLedger.Gateway.Apis;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Gateway.Grpc.Mapping;
using PrivacyLedger.Gateway.Security;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Subjects;
using V1 = PrivacyLedger.Grpc.V1;

namespace PrivacyLedger.Gateway.Grpc.Services;

/// <summary>
/// People over gRPC: each RPC takes the body its HTTP route takes (checked by the same rules, <see cref="GrpcBodies"/>)
/// and makes the same call (<see cref="SubjectChanges"/>, <see cref="SubjectDirectory"/>). Changes are never cancelled
/// half-way: once started they run to their commit whatever the caller does.
/// </summary>
internal sealed class SubjectGrpcService(SubjectDirectory directory, GrpcBodies bodies, SubjectChangeBatch batch) : V1.SubjectService.SubjectServiceBase
{
    public override async Task<V1.EnrolResponse> Enrol(V1.EnrolRequest request, ServerCallContext context)
    {
        var registerId = ProtoValues.Id(request.RegisterId, "registerId");
        var enrolment = bodies.Checked(request.ToBody()).ToEnrolment(registerId);
        var outcome = await directory.EnrolAsync(enrolment, User(context).ToActor(), CancellationToken.None);
        return new V1.EnrolResponse { SubjectId = outcome.SubjectId, Created = outcome.Created };
    }

    public override async Task<V1.LookupResponse> Lookup(V1.LookupRequest request, ServerCallContext context)
    {
        var given = request.Identifier ?? throw new LedgerValidationException("identifier", "identifier is required.");
        var body = given.ToBody("identifier");
        var identifier = RequestValidation.ParseIdentifier(body.Kind, QueryText.Checked(body.Value, "identifier.value", FieldLimits.IdentifierValue), "identifier");
        var subjectId = await directory.FindAsync(identifier, context.CancellationToken)
            ?? throw new LedgerNotFoundException("A subject with that identifier");
        // The read is recorded: it runs to its end once started.
        return new V1.LookupResponse { Subject = (await directory.Subject(subjectId).ReadAsync(User(context).ToActor())).ToProto() };
    }

    public override async Task<V1.GetSubjectResponse> GetSubject(V1.GetSubjectRequest request, ServerCallContext context)
    {
        var subjectId = ProtoValues.Id(request.SubjectId, "subjectId");
        return new V1.GetSubjectResponse { Subject = (await directory.Subject(subjectId).ReadAsync(User(context).ToActor())).ToProto() };
    }

    public override async Task<V1.GrantConsentResponse> GrantConsent(V1.GrantConsentRequest request, ServerCallContext context)
    {
        await batch.GrantConsentAsync(request, User(context).ToActor());
        return new V1.GrantConsentResponse();
    }

    public override async Task<V1.WithdrawConsentResponse> WithdrawConsent(V1.WithdrawConsentRequest request, ServerCallContext context)
    {
        await batch.WithdrawConsentAsync(request, User(context).ToActor());
        return new V1.WithdrawConsentResponse();
    }

    public override async Task<V1.ObjectResponse> Object(V1.ObjectRequest request, ServerCallContext context)
    {
        await batch.ObjectAsync(request, User(context).ToActor());
        return new V1.ObjectResponse();
    }

    public override async Task<V1.WithdrawObjectionResponse> WithdrawObjection(V1.WithdrawObjectionRequest request, ServerCallContext context)
    {
        await batch.WithdrawObjectionAsync(request, User(context).ToActor());
        return new V1.WithdrawObjectionResponse();
    }

    public override async Task<V1.RestrictResponse> Restrict(V1.RestrictRequest request, ServerCallContext context)
    {
        await batch.RestrictAsync(request, User(context).ToActor());
        return new V1.RestrictResponse();
    }

    public override async Task<V1.LiftRestrictionResponse> LiftRestriction(V1.LiftRestrictionRequest request, ServerCallContext context)
    {
        await batch.LiftRestrictionAsync(request, User(context).ToActor());
        return new V1.LiftRestrictionResponse();
    }

    public override async Task<V1.ApplyChangesResponse> ApplyChanges(V1.ApplyChangesRequest request, ServerCallContext context) =>
        new() { Results = { await batch.ApplyAsync(request.Changes, User(context)) } };

    private static ClaimsPrincipal User(ServerCallContext context) => context.GetHttpContext().User;
}
