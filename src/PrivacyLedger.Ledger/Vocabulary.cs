namespace PrivacyLedger.Ledger;

/// <summary>
/// The closed vocabularies of the API: channels and objection scopes. Registers, requests and subjects all check
/// against them, so they belong to none of those namespaces.
/// </summary>
public static class Vocabulary
{
    public static readonly IReadOnlySet<string> Channels = new HashSet<string>(StringComparer.Ordinal)
    {
        "email", "sms", "phone", "post", "web", "push", "in-person",
    };

    /// <summary>The objection scopes of rule R3.</summary>
    public static readonly IReadOnlySet<string> ObjectionScopes = new HashSet<string>(StringComparer.Ordinal)
    {
        "direct-marketing", "distance-selling", "market-research", "opinion-polls", "profiling",
    };

    public static void EnsureChannels(IReadOnlyList<string> channels, string field, bool allowEmpty)
    {
        if (!allowEmpty && channels.Count == 0)
        {
            throw new LedgerValidationException(field, "At least one channel is required.");
        }
        foreach (var channel in channels)
        {
            if (!Channels.Contains(channel))
            {
                throw new LedgerValidationException(field, $"Unknown channel '{channel}'; channels are {string.Join(", ", Channels)}.");
            }
        }
    }
}
