namespace PrivacyLedger.Ledger.Registers;

/// <summary>A text in Finnish, Swedish and English; at least one of them is given.</summary>
public sealed record LocalizedText
{
    public string? Fi { get; init; }
    public string? Sv { get; init; }
    public string? En { get; init; }
}
