namespace PrivacyLedger.Ledger.Registers;

/// <summary>A kind of data held, with its retention rule and any legal hold (R5, R6, R10).</summary>
public sealed record DataCategory
{
    public string Id { get; init; } = "";
    public LocalizedText Name { get; init; } = new();
    /// <summary>Special-category data (health) or the personal identity code: encrypted, masked, never logged (R10).</summary>
    public bool Special { get; init; }
    public RetentionRule Retention { get; init; } = new();
    public LegalHold? LegalHold { get; init; }
    /// <summary>Kept in an external system that must confirm erasure itself.</summary>
    public bool External { get; init; }
}
