namespace PrivacyLedger.Ledger.Registers;

public sealed record ContactPoint
{
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Address { get; init; }
}
