using System.Diagnostics;

namespace PrivacyLedger.LoadTest.Measurement;

/// <summary>
/// Every latency of one worker, kept exactly (Stopwatch ticks), so percentiles are exact rather than bucketed.
/// At the rates this machine reaches, a run records a few million values: tens of megabytes at most.
/// </summary>
internal sealed class LatencyLog
{
    private long[] _ticks = new long[4_096];
    private int _count;

    public int Count => _count;

    public ReadOnlySpan<long> Ticks => _ticks.AsSpan(0, _count);

    public void Add(long ticks)
    {
        if (_count == _ticks.Length)
        {
            Array.Resize(ref _ticks, _ticks.Length * 2);
        }
        _ticks[_count++] = ticks;
    }
}

/// <summary>Latency percentiles in milliseconds, by the nearest-rank method over every recorded value.</summary>
internal sealed record LatencySummary(long Count, double MeanMs, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0, 0);

    public static LatencySummary From(IEnumerable<LatencyLog> logs)
    {
        var all = new long[logs.Sum(log => (long)log.Count)];
        var at = 0;
        foreach (var log in logs)
        {
            log.Ticks.CopyTo(all.AsSpan(at));
            at += log.Count;
        }
        return FromTicks(all);
    }

    /// <summary>Sorts <paramref name="ticks"/> in place.</summary>
    public static LatencySummary FromTicks(long[] ticks)
    {
        if (ticks.Length == 0)
        {
            return Empty;
        }
        Array.Sort(ticks);
        double sum = 0;
        foreach (var value in ticks)
        {
            sum += value;
        }
        return new LatencySummary(ticks.Length, ToMs(sum / ticks.Length),
            ToMs(Percentile.NearestRank(ticks, 50)), ToMs(Percentile.NearestRank(ticks, 95)), ToMs(Percentile.NearestRank(ticks, 99)), ToMs(ticks[^1]));
    }

    private static double ToMs(double ticks) => ticks * 1_000.0 / Stopwatch.Frequency;
}

internal static class Percentile
{
    /// <summary>
    /// The nearest-rank percentile of sorted values: the smallest value with at least <paramref name="percent"/>%
    /// of all values at or below it, so it is always a value that was observed.
    /// </summary>
    public static long NearestRank(ReadOnlySpan<long> sorted, double percent)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("No values.", nameof(sorted));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        // percent × n first: for whole percents that product is exact, so 95% of 20 values is rank 19, not 20.
        var rank = (long)Math.Ceiling(percent * sorted.Length / 100.0);
        return sorted[(int)Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
