using PrivacyLedger.Ledger.Crypto;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>A restriction; its reason may tell about the person, so it is sealed at rest.</summary>
public sealed record RestrictionRecord(Sealed<string> Reason, DateTimeOffset At)
{
    public string? ReasonOpened(FieldSealer? sealer) => Reason.OpenWith(sealer, SealedFields.RestrictionReason);
}
