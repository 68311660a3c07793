namespace PrivacyLedger.Gateway.Extensions;

/// <summary>
/// <c>RateLimits</c>: a token bucket per caller (its key's name; a caller without a valid key by remote address).
/// The defaults sit well above what one gateway on this project's machines serves (the load test's ~40,000 checks/s
/// from one key), so only a runaway client meets them; an operator sets lower ones per deployment. 0 turns it off.
/// </summary>
public sealed class RateLimitSettings
{
    /// <summary>Requests a caller may make per second, sustained.</summary>
    public int PermitsPerSecond { get; set; } = 100_000;

    /// <summary>Requests a caller may make at once after being idle (the bucket's size); 0: one second's worth.</summary>
    public int Burst { get; set; }

    public bool Enabled => PermitsPerSecond > 0;

    public int BucketSize => Burst > 0 ? Burst : PermitsPerSecond;
}
