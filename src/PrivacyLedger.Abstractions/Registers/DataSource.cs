namespace PrivacyLedger.Ledger.Registers;

public sealed record DataSource
{
    public string Id { get; init; } = "";
    public LocalizedText Description { get; init; } = new();
}
