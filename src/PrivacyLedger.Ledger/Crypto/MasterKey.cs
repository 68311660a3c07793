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
    public static string? Problem(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"Ledger:MasterKey is not set. It must be base64 of {Length} random bytes. {Advice}";
        }
        var bytes = new byte[value.Length];
        if (!Convert.TryFromBase64String(value, bytes, out var length))
        {
            return $"Ledger:MasterKey is not base64. It must be base64 of {Length} random bytes. {Advice}";
        }
        return length == Length ? null : $"Ledger:MasterKey decodes to {length} bytes, not {Length}. {Advice}";
    }

    /// <summary>The key's bytes; throws with <see cref="Problem"/> when it is not usable.</summary>
    public static byte[] Decode(string? value) =>
        Problem(value) is { } problem ? throw new InvalidOperationException(problem) : Convert.FromBase64String(value!);
}
