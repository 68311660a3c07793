using Orleans.Runtime;

namespace PrivacyLedger.Testing.Silos;

/// <summary>
/// The ticks the probe grains received, shared by every silo of one in-process test cluster (each silo registers
/// the test's instance), so a test can see where a reminder was delivered.
/// </summary>
public sealed class TickLog
{
    private readonly Lock _lock = new();
    private readonly List<(string Grain, SiloAddress Silo)> _ticks = [];

    public void Record(string grain, SiloAddress silo)
    {
        lock (_lock)
        {
            _ticks.Add((grain, silo));
        }
    }

    public bool Received(string grain, SiloAddress on)
    {
        lock (_lock)
        {
            return _ticks.Any(tick => tick.Grain == grain && tick.Silo.Equals(on));
        }
    }
}
