namespace PrivacyLedger.Jose;

public enum JwsOutcome { Valid, Malformed, UnknownKey, BadSignature }

/// <summary>
/// What checking a JWS found, with a message fit for a person. The payload is the decoded bytes, present as soon
/// as they could be decoded (to show what an invalid receipt claims), to be trusted only when <see cref="Outcome"/> is valid.
/// </summary>
public sealed record JwsVerification(JwsOutcome Outcome, string Message, string? Kid, byte[]? Payload)
{
    public bool IsValid => Outcome == JwsOutcome.Valid;

    public static JwsVerification Malformed(string message) => new(JwsOutcome.Malformed, message, null, null);
}
