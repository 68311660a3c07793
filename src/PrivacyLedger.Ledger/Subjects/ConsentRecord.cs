using PrivacyLedger.Ledger.Crypto;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>A consent; its source and evidence are the person's data, so sealed at rest. The channels and date are what the rules need.</summary>
public sealed record ConsentRecord(List<string> Channels, Sealed<string> Source, Sealed<string>? Evidence, DateTimeOffset GrantedAt)
{
    public string? SourceOpened(FieldSealer? sealer) => Source.OpenWith(sealer, SealedFields.ConsentSource);

    public string? EvidenceOpened(FieldSealer? sealer) => Evidence?.OpenWith(sealer, SealedFields.ConsentEvidence);
}
