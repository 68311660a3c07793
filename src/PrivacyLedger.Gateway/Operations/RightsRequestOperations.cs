using Orleans;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Requests;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Gateway.Operations;

/// <summary>
/// What the gateway does with a rights request, whichever protocol asked (HTTP/JSON in <c>RequestsApi</c>, gRPC in
/// <c>RequestService</c>): each protocol turns its message into the body records and back, and the checks, the
/// subject's resolution and the grain calls live here once. Field names in errors are the HTTP body's.
/// </summary>
internal sealed class RightsRequestOperations(IGrainFactory grains, SubjectDirectory subjects, [FromKeyedServices(LedgerClock.Key)] TimeProvider timeProvider)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    private IRightsRequestGrain Request(string requestId) => grains.GetGrain<IRightsRequestGrain>(requestId);

    public async Task<RequestView> CreateAsync(CreateRequestBody body, Actor actor, CancellationToken cancellationToken)
    {
        var type = body.Type ?? throw new LedgerValidationException("type", "type is required: access, portability, rectification, erasure, restriction, objection or consent-withdrawal.");
        var channel = body.Channel ?? throw new LedgerValidationException("channel", "channel is required: email, letter, web, phone or in-person.");
        var subjectId = await ResolveSubjectAsync(body.Subject, cancellationToken);
        var requestId = Guid.CreateVersion7(timeProvider.GetUtcNow()).ToString("N");
        return await Request(requestId).CreateAsync(new NewRequest(type, subjectId, body.Registers, body.ReceivedAt, channel, body.Details), actor);
    }

    /// <summary>
    /// The one person the request names. Identifiers alone are a search: those found must all be one person's (unknown
    /// ones are passed over). A subjectId with identifiers says they are that person's: an identifier held by anyone
    /// else, or by nobody, contradicts it and is refused (409) in the same words either way, so the answer discloses
    /// no one's data, not even whether the identifier is known.
    /// </summary>
    private async Task<string> ResolveSubjectAsync(RequestSubjectDto? subject, CancellationToken cancellationToken)
    {
        var subjectId = string.IsNullOrWhiteSpace(subject?.SubjectId) ? null : subject.SubjectId;
        var identifiers = subject?.Identifiers ?? [];
        if (subjectId is null && identifiers.Count == 0)
        {
            throw new LedgerValidationException("subject", "Name the subject by subjectId or by identifiers.");
        }
        string? found = null;
        var foundAt = -1;
        for (var i = 0; i < identifiers.Count; i++)
        {
            var field = $"subject.identifiers[{i}]";
            var given = identifiers[i] ?? throw new LedgerValidationException(field, $"{field} is required: an identifier with its kind and value.");
            var owner = await subjects.FindAsync(RequestValidation.ParseIdentifier(given.Kind, given.Value, field), cancellationToken);
            if (subjectId is not null)
            {
                if (owner != subjectId)
                {
                    throw new LedgerConflictException($"subject.subjectId and {field} do not name the same person; nothing was recorded.");
                }
                continue;
            }
            if (owner is null || owner == found)
            {
                continue;
            }
            if (found is not null)
            {
                throw new LedgerConflictException($"subject.identifiers[{foundAt}] and {field} name different people; nothing was recorded.");
            }
            (found, foundAt) = (owner, i);
        }
        return subjectId ?? found ?? throw new LedgerNotFoundException("A subject with those identifiers");
    }

    public Task<RequestView?> GetAsync(string requestId) => Request(requestId).GetAsync();

    public Task<RequestView> VerifyAsync(string requestId, VerificationBody body, Actor actor)
    {
        var method = body.Method ?? throw new LedgerValidationException("method", "method is required: photo-id, strong-electronic-identification, signed-letter or in-person.");
        return Request(requestId).VerifyAsync(method, RequestValidation.Required(body.VerifiedBy, "verifiedBy"), actor);
    }

    public Task<RequestView> ExtendAsync(string requestId, ExtensionBody body, Actor actor)
    {
        var months = body.Months ?? throw new LedgerValidationException("months", "months is required (1 or 2).");
        return Request(requestId).ExtendAsync(months, RequestValidation.Required(body.Reason, "reason"), actor);
    }

    public Task<RequestView> RefuseAsync(string requestId, RefusalBody body, Actor actor)
    {
        var reason = body.Reason ?? throw new LedgerValidationException("reason", "reason is required: manifestly-unfounded, excessive, identity-not-verified or legal-exception.");
        return Request(requestId).RefuseAsync(reason, RequestValidation.Required(body.Explanation, "explanation"), actor);
    }

    public Task<RequestView> CancelAsync(string requestId, CancellationBody body, Actor actor) =>
        Request(requestId).CancelAsync(RequestValidation.Required(body.Reason, "reason"), actor);

    /// <summary>Without <c>confirmedBy</c> the confirmation is the caller's own.</summary>
    public Task<RequestView> ConfirmTaskAsync(string requestId, string registerId, ConfirmationBody body, Actor actor) =>
        Request(requestId).ConfirmTaskAsync(registerId, body.ConfirmedBy ?? actor.ToString(), RequestValidation.Required(body.Evidence, "evidence"), actor);
}
