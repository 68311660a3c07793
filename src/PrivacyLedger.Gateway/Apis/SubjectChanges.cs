using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Gateway.Apis;

/// <summary>
/// A person's consent, objection and restriction changes from the bodies HTTP/JSON takes, as both APIs make them
/// (<c>/v1/subjects/{id}/…</c> and the gRPC SubjectService): what is required, the defaults, the grain call.
/// Each returns once the change is in the person's ledger.
/// </summary>
internal static class SubjectChanges
{
    /// <summary>A withdrawal that does not say where it came from.</summary>
    public const string DefaultSource = "api";

    public static Task GrantConsentAsync(this ISubjectGrain subject, string purposeId, ConsentRequest request, Actor actor) =>
        subject.GrantConsentAsync(purposeId,
            new ConsentChange(RequestValidation.Channels(request.Channels), RequestValidation.Required(request.Source, "source"), request.Evidence), actor);

    public static Task WithdrawConsentAsync(this ISubjectGrain subject, string purposeId, WithdrawalRequest? request, Actor actor) =>
        subject.WithdrawConsentAsync(purposeId, request?.Source ?? DefaultSource, actor);

    public static Task ObjectAsync(this ISubjectGrain subject, string scope, ObjectionRequest request, Actor actor) =>
        subject.RegisterObjectionAsync(scope,
            new ObjectionChange(RequestValidation.Channels(request.Channels), RequestValidation.Required(request.Source, "source"), request.Evidence), actor);

    public static Task WithdrawObjectionAsync(this ISubjectGrain subject, string scope, WithdrawalRequest? request, Actor actor) =>
        subject.WithdrawObjectionAsync(scope, request?.Source ?? DefaultSource, actor);

    public static Task RestrictAsync(this ISubjectGrain subject, string registerId, RestrictionRequest request, Actor actor) =>
        subject.RestrictAsync(registerId, RequestValidation.Required(request.Reason, "reason"), actor);
}
