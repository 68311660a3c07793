using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger;

/// <summary>Who made a change or read: the caller's key name and role. Recorded in the ledger, never personal data.</summary>
[GenerateSerializer, Immutable, Alias("actor")]
public sealed record Actor(string Name, string Role)
{
    public static readonly Actor System = new("system", "system");

    public override string ToString() => $"{Role}:{Name}";
}
