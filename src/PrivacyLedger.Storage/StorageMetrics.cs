using System.Diagnostics.Metrics;

namespace PrivacyLedger.Storage;

/// <summary>The batched store's instruments, under the meter "PrivacyLedger.Storage".</summary>
public sealed class StorageMetrics
{
    public const string MeterName = "PrivacyLedger.Storage";

    private readonly Histogram<int> _writeBatchSize;
    private readonly Histogram<int> _readBatchSize;
    private readonly Counter<long> _conflicts;

    public StorageMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _writeBatchSize = meter.CreateHistogram<int>("privacyledger.state.write_batch_size", description: "State writes per storage round trip");
        _readBatchSize = meter.CreateHistogram<int>("privacyledger.state.read_batch_size", description: "State reads per storage round trip");
        _conflicts = meter.CreateCounter<long>("privacyledger.state.conflicts", description: "State writes refused because storage held a newer version");
    }

    public void WriteBatchCompleted(int size) => _writeBatchSize.Record(size);

    public void ReadBatchCompleted(int size) => _readBatchSize.Record(size);

    public void Conflict() => _conflicts.Add(1);
}
