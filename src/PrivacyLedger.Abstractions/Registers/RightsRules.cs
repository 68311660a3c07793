namespace PrivacyLedger.Ledger.Registers;

/// <summary>The rights the statement grants and the rules it states for them.</summary>
public sealed record RightsRules
{
    /// <summary>Rights the statement names: access, rectification, erasure, restriction, objection, portability, consent-withdrawal, complaint.</summary>
    public List<string> Granted { get; init; } = [];
    /// <summary>Free access requests per 12 months before a fee may apply (R1); null when the statement says nothing.</summary>
    public int? FreeAccessRequestsPerYear { get; init; }
    /// <summary>The answer deadline the statement states, in months; more than one is flagged (R8).</summary>
    public int DeadlineMonths { get; init; } = 1;
    /// <summary>How the statement asks requests to be made (e.g. signed letter, in person).</summary>
    public LocalizedText? RequestInstructions { get; init; }
}
