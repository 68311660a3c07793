using System.Security.Claims;
using Grpc.Core;
using PrivacyLedger.Gateway.Apis;
using PrivacyLedger.Gateway.Grpc.Mapping;
using PrivacyLedger.Gateway.Security;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Subjects;
using V1 = PrivacyLedger.Grpc.V1;
using Change = PrivacyLedger.Grpc.V1.SubjectChange.ChangeOneofCase;

namespace PrivacyLedger.Gateway.Grpc.Services;

/// <summary>
/// Consent, objection and restriction changes from SubjectService messages, one by one (the unary RPCs) or many in
/// one call (ApplyChanges): each answered only once it is in the person's ledger, or with the status that says why
/// it changed nothing. One person's changes run in the order given, different people's at once, so the storage
/// commits many in one transaction.
/// </summary>
internal sealed partial class SubjectChangeBatch(SubjectDirectory directory, GrpcBodies bodies, ILogger<SubjectChangeBatch> logger)
{
    public const int MaxChanges = FieldLimits.BatchSubjects;

    public Task GrantConsentAsync(V1.GrantConsentRequest request, Actor actor) =>
        Subject(request.SubjectId).GrantConsentAsync(ProtoValues.Id(request.PurposeId, "purposeId"), bodies.Checked(request.ToBody()), actor);

    public Task WithdrawConsentAsync(V1.WithdrawConsentRequest request, Actor actor) =>
        Subject(request.SubjectId).WithdrawConsentAsync(ProtoValues.Id(request.PurposeId, "purposeId"), bodies.Checked(request.ToBody()), actor);

    public Task ObjectAsync(V1.ObjectRequest request, Actor actor) =>
        Subject(request.SubjectId).ObjectAsync(ProtoEnums.Required(request.Scope, "scope"), bodies.Checked(request.ToBody()), actor);

    public Task WithdrawObjectionAsync(V1.WithdrawObjectionRequest request, Actor actor) =>
        Subject(request.SubjectId).WithdrawObjectionAsync(ProtoEnums.Required(request.Scope, "scope"), bodies.Checked(request.ToBody()), actor);

    public Task RestrictAsync(V1.RestrictRequest request, Actor actor) =>
        Subject(request.SubjectId).RestrictAsync(ProtoValues.Id(request.RegisterId, "registerId"), bodies.Checked(request.ToBody()), actor);

    public Task LiftRestrictionAsync(V1.LiftRestrictionRequest request, Actor actor) =>
        Subject(request.SubjectId).LiftRestrictionAsync(ProtoValues.Id(request.RegisterId, "registerId"), actor);

    /// <summary>Every change's outcome, in the order given, once all have ended.</summary>
    public async Task<V1.ItemStatus[]> ApplyAsync(IReadOnlyList<V1.SubjectChange> changes, ClaimsPrincipal user)
    {
        if (changes.Count == 0)
        {
            throw new LedgerValidationException("changes", "At least one change is required.");
        }
        if (changes.Count > MaxChanges)
        {
            throw new LedgerValidationException("changes", $"changes can hold at most {MaxChanges} items.");
        }
        var actor = user.ToActor();
        var results = new V1.ItemStatus[changes.Count];
        var byPerson = Enumerable.Range(0, changes.Count).GroupBy(i => SubjectIdOf(changes[i]), StringComparer.Ordinal);
        await Task.WhenAll(byPerson.Select(async person =>
        {
            foreach (var i in person)
            {
                results[i] = await ApplyOneAsync(changes[i], i, user, actor);
            }
        }));
        return results;
    }

    private async Task<V1.ItemStatus> ApplyOneAsync(V1.SubjectChange change, int index, ClaimsPrincipal user, Actor actor)
    {
        if (change.ChangeCase == Change.None)
        {
            return GrpcFault.Invalid($"changes[{index}]", $"changes[{index}] must hold one of: {string.Join(", ", Kinds.Values.Select(k => k.Field))}.").ToItemStatus();
        }
        var kind = Kinds[change.ChangeCase];
        // A change takes the roles its own RPC takes: ApplyChanges is no way around the matrix.
        if (!(AccessMatrix.Find("POST", GrpcApi.MethodPath(V1.SubjectService.Descriptor, kind.Rpc))?.Callers.Any(user.IsInRole) ?? false))
        {
            return new V1.ItemStatus { Code = (int)StatusCode.PermissionDenied, Message = $"The caller's role may not call {kind.Rpc}.", Field = $"changes[{index}]" };
        }
        try
        {
            await (change.ChangeCase switch
            {
                Change.GrantConsent => GrantConsentAsync(change.GrantConsent, actor),
                Change.WithdrawConsent => WithdrawConsentAsync(change.WithdrawConsent, actor),
                Change.Object => ObjectAsync(change.Object, actor),
                Change.WithdrawObjection => WithdrawObjectionAsync(change.WithdrawObjection, actor),
                Change.Restrict => RestrictAsync(change.Restrict, actor),
                Change.LiftRestriction => LiftRestrictionAsync(change.LiftRestriction, actor),
                _ => throw new InvalidOperationException($"No change for {change.ChangeCase}."),
            });
            return new V1.ItemStatus { Code = (int)StatusCode.OK };
        }
        catch (Exception exception) when (GrpcFault.From(exception) is { } fault)
        {
            return fault.ToItemStatus($"changes[{index}].{kind.Field}");
        }
        catch (Exception exception)
        {
            LogChangeFailed(logger, exception, kind.Rpc);
            return new V1.ItemStatus { Code = (int)StatusCode.Internal, Message = "The change failed on the server and may or may not have taken effect; check, then retry." };
        }
    }

    private ISubjectGrain Subject(string subjectId) => directory.Subject(ProtoValues.Id(subjectId, "subjectId"));

    private static string SubjectIdOf(V1.SubjectChange change) => change.ChangeCase switch
    {
        Change.GrantConsent => change.GrantConsent.SubjectId,
        Change.WithdrawConsent => change.WithdrawConsent.SubjectId,
        Change.Object => change.Object.SubjectId,
        Change.WithdrawObjection => change.WithdrawObjection.SubjectId,
        Change.Restrict => change.Restrict.SubjectId,
        Change.LiftRestriction => change.LiftRestriction.SubjectId,
        _ => "",
    };

    /// <summary>Each kind of change: its field in SubjectChange and the RPC that makes it alone.</summary>
    private static readonly Dictionary<Change, (string Field, string Rpc)> Kinds = new()
    {
        [Change.GrantConsent] = ("grant_consent", "GrantConsent"),
        [Change.WithdrawConsent] = ("withdraw_consent", "WithdrawConsent"),
        [Change.Object] = ("object", "Object"),
        [Change.WithdrawObjection] = ("withdraw_objection", "WithdrawObjection"),
        [Change.Restrict] = ("restrict", "Restrict"),
        [Change.LiftRestriction] = ("lift_restriction", "LiftRestriction"),
    };

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "A {Rpc} change of ApplyChanges failed unexpectedly")]
    private static partial void LogChangeFailed(ILogger logger, Exception exception, string rpc);
}
