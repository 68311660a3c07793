using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace PrivacyLedger.LoadTest.Measurement;

/// <summary>
/// Memory of another .NET process after a full, blocking, compacting collection, so that garbage does not count:
/// an EventPipe session with the runtime's GCHeapCollect keyword makes the process collect (as dotnet-gcdump
/// does, without walking the heap), and its GCHeapStats event after that collection gives the managed heap's
/// size. The resident set size is read from /proc right after.
/// </summary>
internal static class GcProbe
{
    public static async Task<MemoryReading> CollectAndMeasureAsync(int pid, CancellationToken cancellationToken)
    {
        var client = new DiagnosticsClient(pid);
        var keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);
        using var session = await client.StartEventPipeSessionAsync(
            [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, keywords)], requestRundown: false, circularBufferMB: 64, token: cancellationToken);
        using var source = new EventPipeEventSource(session.EventStream);
        var heap = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var inducedSeen = false;
        source.Clr.GCStart += data => inducedSeen |= data.Reason == GCReason.Induced;
        source.Clr.GCHeapStats += data =>
        {
            // The stats that follow the induced collection; a background collection already running may report first.
            if (inducedSeen)
            {
                heap.TrySetResult(data.TotalHeapSize);
            }
        };
        var processing = Task.Run(source.Process, CancellationToken.None);
        try
        {
            var heapBytes = await heap.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
            return new MemoryReading(heapBytes, ProcFs.ResidentBytes(pid));
        }
        finally
        {
            await session.StopAsync(CancellationToken.None);
            await processing;
        }
    }
}

/// <summary>The managed heap after a full collection, and the process's resident set size, in bytes.</summary>
internal sealed record MemoryReading(long HeapBytes, long ResidentBytes);
