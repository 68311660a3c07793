namespace PrivacyLedger.Cluster.Tests.Probes;

/// <summary>A probe grain's stored state: the items added, in order.</summary>
public sealed class ProbeState
{
    public List<string> Items { get; set; } = [];
}
