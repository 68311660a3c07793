using PrivacyLedger.Ledger.Crypto;

namespace PrivacyLedger.Ledger.Requests;

/// <summary>A deadline extension, as the request's state holds it: its reason (free text) sealed at rest.</summary>
public sealed record ExtensionRecord(int Months, Sealed<string> Reason, DateTimeOffset At)
{
    public Extension ToView() => new(Months, Reason.Opened ?? SealedText.Unreadable, At);
}
