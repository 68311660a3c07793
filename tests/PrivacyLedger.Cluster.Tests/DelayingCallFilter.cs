namespace PrivacyLedger.Cluster.Tests;

/// <summary>
/// Slows every call to one grain method and counts the calls begun, so a test can kill a silo while work it drives
/// is half done. One instance serves both silos of a test cluster.
/// </summary>
internal sealed class DelayingCallFilter(string methodName, TimeSpan delay) : IIncomingGrainCallFilter
{
    private int _started;

    public int Started => Volatile.Read(ref _started);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.Name == methodName)
        {
            Interlocked.Increment(ref _started);
            await Task.Delay(delay);
        }
        await context.Invoke();
    }
}
