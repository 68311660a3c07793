namespace PrivacyLedger.Ledger.Registers;

/// <summary>Who receives data; those with <see cref="Notify"/> are told of rectification, erasure and restriction (R7).</summary>
public sealed record Recipient
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public LocalizedText? Description { get; init; }
    public bool Notify { get; init; }
}
