namespace PrivacyLedger.Ledger.Registers;

/// <summary>How long a category is kept: a fixed time from collection or last activity, or while membership or role lasts.</summary>
public sealed record RetentionRule
{
    public int? Days { get; init; }
    public int? Years { get; init; }
    public RetentionStart From { get; init; } = RetentionStart.CollectedAt;
    public bool WhileMember { get; init; }
    public bool WhileRole { get; init; }
    public LocalizedText? Note { get; init; }
}

public enum RetentionStart
{
    CollectedAt,
    LastActivity,
}
