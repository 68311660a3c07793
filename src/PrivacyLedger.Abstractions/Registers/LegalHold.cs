namespace PrivacyLedger.Ledger.Registers;

/// <summary>Data that the law requires to keep (e.g. accounting law) even against an erasure request (R6).</summary>
public sealed record LegalHold
{
    public int Years { get; init; }
    public string Reason { get; init; } = "";
    public string? Law { get; init; }
}
