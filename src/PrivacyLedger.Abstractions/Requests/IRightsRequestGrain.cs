using System.Text.Json.Nodes;
using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Requests;

/// <summary>
/// One rights request, keyed by request id: a durable state machine (received → verified → in-progress →
/// completed | partially-completed | refused | cancelled) with one task per register. It drives its own
/// fan-out and, through a reminder, resumes it after a restart, finishes held erasures when their hold
/// ends and retries undelivered notifications.
/// </summary>
public interface IRightsRequestGrain : IGrainWithStringKey
{
    Task<RequestView> CreateAsync(NewRequest request, Actor actor);

    [ReadOnly]
    Task<RequestView?> GetAsync();

    /// <summary>R2: records how identity was verified and who did it; only then is anything disclosed or changed.</summary>
    Task<RequestView> VerifyAsync(VerificationMethod method, string verifiedBy, Actor actor);

    Task<RequestView> ExtendAsync(int months, string reason, Actor actor);

    Task<RequestView> RefuseAsync(RefusalReason reason, string explanation, Actor actor);

    Task<RequestView> CancelAsync(string reason, Actor actor);

    /// <summary>An external system confirms it carried out its part for a register.</summary>
    Task<RequestView> ConfirmTaskAsync(string registerId, string confirmedBy, string evidence, Actor actor);

    /// <summary>The access or portability export of a completed request; the export is recorded in the ledger.</summary>
    Task<JsonObject> ExportAsync(Actor actor);

    /// <summary>Called at start-up for a request holding a work reminder: work left over goes on at once.</summary>
    Task ResumeWorkAsync();

    /// <summary>The signed receipt (compact JWS) of a request that is completed, partially completed or refused; 409 before.</summary>
    [ReadOnly]
    Task<string> GetReceiptAsync();
}
