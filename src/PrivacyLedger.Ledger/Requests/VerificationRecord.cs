using PrivacyLedger.Ledger.Crypto;

namespace PrivacyLedger.Ledger.Requests;

/// <summary>How identity was verified, as the request's state holds it: who verified it is sealed at rest.</summary>
public sealed record VerificationRecord(VerificationMethod Method, Sealed<string> VerifiedBy, DateTimeOffset At)
{
    public Verification ToView() => new(Method, VerifiedBy.Opened ?? SealedText.Unreadable, At);
}
