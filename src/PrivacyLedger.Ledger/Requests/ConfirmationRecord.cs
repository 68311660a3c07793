using PrivacyLedger.Ledger.Crypto;

namespace PrivacyLedger.Ledger.Requests;

/// <summary>An external system's confirmation, as the request's state holds it: who and the evidence (free text) sealed at rest.</summary>
public sealed record ConfirmationRecord(Sealed<string> ConfirmedBy, DateTimeOffset At, Sealed<string> Evidence)
{
    public TaskConfirmation ToView() => new(ConfirmedBy.Opened ?? SealedText.Unreadable, At, Evidence.Opened ?? SealedText.Unreadable);
}
