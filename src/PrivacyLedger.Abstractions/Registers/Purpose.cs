namespace PrivacyLedger.Ledger.Registers;

/// <summary>Why data is processed, and on which legal basis (GDPR Art. 6).</summary>
public sealed record Purpose
{
    public string Id { get; init; } = "";
    public LocalizedText Name { get; init; } = new();
    public LegalBasis LegalBasis { get; init; }
    /// <summary>Objection scopes that stop this purpose (R3), e.g. <c>direct-marketing</c>.</summary>
    public List<string> ObjectionScopes { get; init; } = [];
}

public enum LegalBasis
{
    Consent,
    Contract,
    LegalObligation,
    LegitimateInterest,
}
