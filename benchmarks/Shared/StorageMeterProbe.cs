using System.Diagnostics.Metrics;

namespace PrivacyLedger.Benchmarks.Shared;

/// <summary>
/// Listens to the storage's meter: "privacyledger.state.write_batch_size" and "privacyledger.state.read_batch_size"
/// (one record per storage round trip of state writes, and of activations' state reads), so a run can show how many
/// writes or reads shared a round trip.
/// Shared by the benchmark projects.
/// </summary>
internal sealed class StorageMeterProbe : IDisposable
{
    private const string WriteBatchSize = "privacyledger.state.write_batch_size";
    private const string ReadBatchSize = "privacyledger.state.read_batch_size";

    private readonly MeterListener _listener = new();
    private readonly BatchTally _writes = new();
    private readonly BatchTally _reads = new();

    public StorageMeterProbe()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PrivacyLedger.Storage.StorageMetrics.MeterName
                && instrument.Name is WriteBatchSize or ReadBatchSize)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((instrument, size, _, _) =>
            (instrument.Name == ReadBatchSize ? _reads : _writes).Record(size));
        _listener.Start();
    }

    /// <summary>What was seen since the last call, and a fresh start.</summary>
    public (BatchCounts Writes, BatchCounts Reads) Take() => (_writes.Take(), _reads.Take());

    /// <summary>The write batching seen so far, in one line.</summary>
    public string DescribeWrites()
    {
        var writes = _writes.Peek();
        return writes.Batches == 0
            ? "no state writes reached storage"
            : $"{writes.Items:N0} writes in {writes.Batches:N0} round trips: {writes.PerBatch:N1} writes per round trip on average, {writes.Largest:N0} at most";
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>Round trips, the requests they carried, and the largest of them.</summary>
    public sealed record BatchCounts(long Batches, long Items, int Largest)
    {
        public double PerBatch => Batches == 0 ? 0 : (double)Items / Batches;
    }

    private sealed class BatchTally
    {
        private long _batches;
        private long _items;
        private int _largest;

        public void Record(int size)
        {
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _items, size);
            int largest;
            while (size > (largest = Volatile.Read(ref _largest)) && Interlocked.CompareExchange(ref _largest, size, largest) != largest)
            {
            }
        }

        public BatchCounts Peek() => new(Interlocked.Read(ref _batches), Interlocked.Read(ref _items), Volatile.Read(ref _largest));

        public BatchCounts Take() =>
            new(Interlocked.Exchange(ref _batches, 0), Interlocked.Exchange(ref _items, 0), Interlocked.Exchange(ref _largest, 0));
    }
}
