using PrivacyLedger.Ledger.Crypto;

namespace PrivacyLedger.Ledger.Requests;

/// <summary>A refusal, as the request's state holds it: the reason's kind in clear, its explanation (free text) sealed at rest.</summary>
public sealed record RefusalRecord(RefusalReason Reason, Sealed<string> Explanation, DateTimeOffset At)
{
    public Refusal ToView() => new(Reason, Explanation.Opened ?? SealedText.Unreadable, At);
}
