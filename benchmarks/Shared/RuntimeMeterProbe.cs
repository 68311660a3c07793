using System.Diagnostics.Metrics;

namespace PrivacyLedger.Benchmarks.Shared;

/// <summary>
/// Listens to the runtime's meter: "privacyledger.state.write_batch_size" (one record per storage round trip
/// of state writes) and "privacyledger.grain.calls", so a run can show how many writes shared a round trip.
/// Shared by the benchmark projects.
/// </summary>
internal sealed class RuntimeMeterProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _batches;
    private long _writes;
    private long _calls;
    private int _largest;

    public RuntimeMeterProbe()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "PrivacyLedger.Runtime"
                && instrument.Name is "privacyledger.state.write_batch_size" or "privacyledger.grain.calls")
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
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _calls, value));
        _listener.Start();
    }

    /// <summary>What was seen since the last call, and a fresh start.</summary>
    public (long Batches, long Writes, long Calls, int Largest) Take() =>
        (Interlocked.Exchange(ref _batches, 0), Interlocked.Exchange(ref _writes, 0), Interlocked.Exchange(ref _calls, 0), Interlocked.Exchange(ref _largest, 0));

    /// <summary>The write batching seen so far, in one line.</summary>
    public string DescribeWrites()
    {
        var batches = Interlocked.Read(ref _batches);
        var writes = Interlocked.Read(ref _writes);
        return batches == 0
            ? "no state writes reached storage"
            : $"{writes:N0} writes in {batches:N0} round trips: {(double)writes / batches:N1} writes per round trip on average, {Volatile.Read(ref _largest):N0} at most";
    }

    public void Dispose() => _listener.Dispose();
}
