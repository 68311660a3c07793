using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Ledger.Permissions;
using PrivacyLedger.Ledger.Requests;
using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>
/// One person. Every change appends a ledger event in the same commit as the state; reads of personal
/// data are recorded too (R12). Methods on an unknown subject throw <see cref="LedgerNotFoundException"/>.
/// </summary>
public interface ISubjectGrain : IGrainWithStringKey
{
    Task<EnrolmentOutcome> EnrolAsync(Enrolment enrolment, Actor actor);

    /// <summary>The subject as the API shows it; the read itself is recorded.</summary>
    Task<SubjectView> ReadAsync(Actor actor);

    /// <summary>
    /// The subject with contact data and identifiers masked, and a page of its ledger without the events' data, for a
    /// console that shows personal data only when asked (<see cref="ReadAsync"/> then reveals it). This masked read is
    /// recorded too, as what it showed.
    /// </summary>
    Task<SubjectOverview> ReadMaskedAsync(long afterSeq, int limit, Actor actor);

    Task GrantConsentAsync(string purposeId, ConsentChange change, Actor actor);

    Task WithdrawConsentAsync(string purposeId, string source, Actor actor);

    Task RegisterObjectionAsync(string scope, ObjectionChange change, Actor actor);

    Task WithdrawObjectionAsync(string scope, string source, Actor actor);

    Task RestrictAsync(string registerId, string reason, Actor actor);

    Task LiftRestrictionAsync(string registerId, Actor actor);

    /// <summary>Null when the subject is unknown.</summary>
    [ReadOnly]
    Task<PermissionDecision?> CheckPermissionAsync(PermissionQuery query);

    /// <summary>A page of the ledger, decrypted; the read is recorded.</summary>
    Task<LedgerPage> ReadLedgerAsync(long afterSeq, int limit, Actor actor);

    [ReadOnly]
    Task<LedgerVerification> VerifyLedgerAsync();

    /// <summary>Records a rights request against the subject; says when the last access request came (R1).</summary>
    Task<RequestAdmission> RecordRequestAsync(string requestId, RequestType type, DateTimeOffset receivedAt, Actor actor);

    /// <summary>Carries out one register's part of a request. Running it again after a crash changes nothing twice.</summary>
    Task<RightsTaskOutcome> ExecuteRightsTaskAsync(RightsTaskCommand command, Actor actor);

    /// <summary>
    /// When no membership is left: contact data and identifier index entries go, the data key is destroyed,
    /// and only a keyed-hash suppression entry remains if the person objected to direct marketing. Returns
    /// whether the subject is now erased.
    /// </summary>
    Task<bool> FinishErasureAsync(string requestId, Actor actor);

    /// <summary>
    /// Records that an erasure request found no personal data of the person in the registers it concerned, so nothing
    /// was erased. Once per request; does nothing for an unknown or erased subject.
    /// </summary>
    Task RecordNothingToEraseAsync(string requestId, Actor actor);

    /// <summary>
    /// Records that a signed receipt was issued for a request reaching <paramref name="status"/>: an event with no data,
    /// so it is written (and stays readable) after the person's erasure too. Once per request and status.
    /// </summary>
    Task RecordReceiptAsync(string requestId, Requests.RequestStatus status, Actor actor);

    /// <summary>The hash of the last event in the ledger, as kept in the subject's state: no read of the chain.</summary>
    [ReadOnly]
    Task<string> LedgerHeadAsync();

    /// <summary>
    /// A campaign's erasure of one person in one turn and one commit: each register's erasure as
    /// <see cref="ExecuteRightsTaskAsync"/> does it, then, if no membership is left, the full erasure of
    /// <see cref="FinishErasureAsync"/>. Legal holds and external confirmations are as in a request. Running it
    /// again after a crash changes nothing twice; an unknown subject, or one not in the register, comes back
    /// with no register outcomes.
    /// </summary>
    Task<ErasureOutcome> EraseAsync(ErasureCommand command, Actor actor);

    /// <summary>
    /// Erases again a person the erasure journal says was erased but whose data a restored backup brought back:
    /// memberships removed, then the full erasure of <see cref="FinishErasureAsync"/> (identifiers released, contact data
    /// and choices removed, the data key destroyed, <c>subject.erased</c> recorded) in one commit. Returns whether the
    /// person was erased again (false for an unknown subject, or one still erased, whose key alone is destroyed if live).
    /// </summary>
    Task<bool> ReapplyErasureAsync(Actor actor);

    /// <summary>The access export (everything, decrypted, with the complaint notice) or the portability export (what the person provided).</summary>
    Task<System.Text.Json.Nodes.JsonObject> ExportAsync(string requestId, bool portability, Actor actor);

    /// <summary>
    /// R5: removes the data whose retention has run out (or, in a dry run, only says which), recording each
    /// removal in the ledger. Data kept in an external system is reported for that system to remove.
    /// </summary>
    Task<Retention.RetentionOutcome> ApplyRetentionAsync(bool dryRun, Actor actor);

    /// <summary>
    /// Whether the person's retention in the register has run out, by the retention rules of the domain (<c>RetentionRules.MembershipExpired</c>);
    /// false for a subject that is unknown, erased or not a member there.
    /// </summary>
    [ReadOnly]
    Task<bool> IsRetentionExpiredAsync(string registerId);

    /// <summary>The registers the subject is a member of.</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> GetMembershipsAsync();
}
