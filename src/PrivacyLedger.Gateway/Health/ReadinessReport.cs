namespace PrivacyLedger.Gateway.Health;

/// <summary>Ready or not, and in a few words why not (never personal data: it is served without a key).</summary>
public sealed record ReadinessReport(bool IsReady, string Status)
{
    public static ReadinessReport Ready { get; } = new(true, "ready");
}
