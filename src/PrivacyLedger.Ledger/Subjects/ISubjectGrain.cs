using PrivacyLedger.Ledger.Ledger;
using PrivacyLedger.Runtime;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>
/// One person. Every change appends a ledger event in the same commit as the state; reads of personal
/// data are recorded too (R12). Methods on an unknown subject throw <see cref="LedgerNotFoundException"/>.
/// </summary>
public interface ISubjectGrain : IGrain
{
    Task<EnrolmentOutcome> EnrolAsync(Enrolment enrolment, Actor actor);

    /// <summary>The subject as the API shows it; the read itself is recorded.</summary>
    Task<SubjectView> ReadAsync(Actor actor);

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
}
