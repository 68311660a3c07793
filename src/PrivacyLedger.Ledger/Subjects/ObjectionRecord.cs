using PrivacyLedger.Ledger.Crypto;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>An objection; no channels means every channel. Its source and evidence are sealed at rest.</summary>
public sealed record ObjectionRecord(List<string> Channels, Sealed<string> Source, Sealed<string>? Evidence, DateTimeOffset At)
{
    public string? SourceOpened(FieldSealer? sealer) => Source.OpenWith(sealer, SealedFields.ObjectionSource);

    public string? EvidenceOpened(FieldSealer? sealer) => Evidence?.OpenWith(sealer, SealedFields.ObjectionEvidence);
}
