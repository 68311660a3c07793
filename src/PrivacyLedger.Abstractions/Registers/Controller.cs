namespace PrivacyLedger.Ledger.Registers;

public sealed record Controller
{
    public string Name { get; init; } = "";
    /// <summary>Finnish business id (Y-tunnus), <c>1234567-8</c>.</summary>
    public string? BusinessId { get; init; }
    public string? Address { get; init; }
    public string? Phone { get; init; }
}
