using System.Diagnostics.Metrics;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>The re-wrap's instruments, under the ledger's meter: counts of keys only, never a subject.</summary>
public sealed class KeyRotationMetrics
{
    private readonly Counter<long> _rewrapped;
    private readonly Counter<long> _examined;

    public KeyRotationMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(LedgerMetrics.MeterName);
        _rewrapped = meter.CreateCounter<long>("privacyledger.keys.rewrapped", description: "Data keys re-wrapped under the newest master key version");
        _examined = meter.CreateCounter<long>("privacyledger.keys.rewrap.examined", description: "Data keys the re-wrap has examined");
    }

    public void BatchDone(int examined, int rewrapped)
    {
        _examined.Add(examined);
        _rewrapped.Add(rewrapped);
    }
}
