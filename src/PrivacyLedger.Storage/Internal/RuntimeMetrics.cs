using PrivacyLedger.Storage;
using System.Diagnostics.Metrics;

namespace PrivacyLedger.Runtime.Internal;

/// <summary>The runtime's instruments, under the meter "PrivacyLedger.Runtime".</summary>
internal sealed class RuntimeMetrics : IDisposable
{
    public const string MeterName = "PrivacyLedger.Runtime";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _activations;
    private readonly Counter<long> _deactivations;
    private readonly Histogram<int> _writeBatchSize;
    private readonly Histogram<int> _readBatchSize;

    public RuntimeMetrics(IMeterFactory? meterFactory, Func<long> activeCount)
    {
        // A factory owns the meters it hands out; one made here is ours to dispose.
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _calls = _meter.CreateCounter<long>("privacyledger.grain.calls", description: "Grain calls started");
        _activations = _meter.CreateCounter<long>("privacyledger.grain.activations", description: "Activations created");
        _deactivations = _meter.CreateCounter<long>("privacyledger.grain.deactivations", description: "Activations ended");
        _writeBatchSize = _meter.CreateHistogram<int>("privacyledger.state.write_batch_size", description: "State writes per storage round trip");
        _readBatchSize = _meter.CreateHistogram<int>("privacyledger.state.read_batch_size", description: "State reads per storage round trip");
        _meter.CreateObservableGauge("privacyledger.grain.active", activeCount, description: "Activations in memory");
    }

    public void CallStarted() => _calls.Add(1);

    public void Activated() => _activations.Add(1);

    public void Deactivated() => _deactivations.Add(1);

    public void WriteBatchCompleted(int size) => _writeBatchSize.Record(size);

    public void ReadBatchCompleted(int size) => _readBatchSize.Record(size);

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
