using System.Diagnostics.Metrics;

namespace PrivacyLedger.Benchmarks;

/// <summary>
/// Listens to the runtime's "privacyledger.state.write_batch_size" histogram (one record per storage round
/// trip), so a run can show how many writes actually shared a round trip.
/// </summary>
internal sealed class WriteBatchProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _batches;
    private long _writes;
    private int _largest;

    public WriteBatchProbe()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "PrivacyLedger.Runtime" && instrument.Name == "privacyledger.state.write_batch_size")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, size, _, _) =>
        {
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _writes, size);
            int largest;
            while (size > (largest = Volatile.Read(ref _largest)) && Interlocked.CompareExchange(ref _largest, size, largest) != largest)
            {
            }
        });
        _listener.Start();
    }

    public override string ToString()
    {
        var batches = Interlocked.Read(ref _batches);
        var writes = Interlocked.Read(ref _writes);
        return batches == 0
            ? "no state writes reached storage"
            : $"{writes:N0} writes in {batches:N0} round trips: {(double)writes / batches:N1} writes per round trip on average, {Volatile.Read(ref _largest):N0} at most";
    }

    public void Dispose() => _listener.Dispose();
}
