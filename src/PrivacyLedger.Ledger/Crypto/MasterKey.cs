namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// The configured master key (<c>Ledger:MasterKey</c>): base64 of 32 random bytes. Checked at start-up, so a gateway
/// without a usable key refuses to start instead of failing its first enrolment; problems never echo the value.
/// </summary>
public static class MasterKey
{
    public const int Length = 32;

    private const string Advice = "Generate one with `openssl rand -base64 32` and set it (environment variable Ledger__MasterKey).";

    /// <summary>What is wrong with the value, naming the setting; null when it is a usable key.</summary>
    public static string? Problem(string? value) => Problem(value, "Ledger:MasterKey");

    /// <summary>What is wrong with the value of <paramref name="setting"/> (a versioned key's too); null when it is a usable key.</summary>
    public static string? Problem(string? value, string setting)
    {
        var advice = setting == "Ledger:MasterKey" ? Advice : "Generate one with `openssl rand -base64 32`.";
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{setting} is not set. It must be base64 of {Length} random bytes. {advice}";
        }
        var bytes = new byte[value.Length];
        if (!Convert.TryFromBase64String(value, bytes, out var length))
        {
            return $"{setting} is not base64. It must be base64 of {Length} random bytes. {advice}";
        }
        return length == Length ? null : $"{setting} decodes to {length} bytes, not {Length}. {advice}";
    }

    /// <summary>The key's bytes; throws with <see cref="Problem"/> when it is not usable.</summary>
    public static byte[] Decode(string? value) =>
        Problem(value) is { } problem ? throw new InvalidOperationException(problem) : Convert.FromBase64String(value!);
}
