using System.Diagnostics;
using PrivacyLedger.LoadTest.Measurement;

namespace PrivacyLedger.LoadTest.Tests;

public class PercentileTests
{
    [Theory]
    [InlineData(50, 50)]
    [InlineData(95, 95)]
    [InlineData(99, 99)]
    [InlineData(100, 100)]
    [InlineData(0, 1)]
    [InlineData(99.5, 100)]
    public void Nearest_rank_of_one_to_a_hundred_is_the_value_at_that_rank(double percent, long expected)
    {
        long[] values = [.. Enumerable.Range(1, 100).Select(v => (long)v)];

        Assert.Equal(expected, Percentile.NearestRank(values, percent));
    }

    [Fact]
    public void Nearest_rank_is_always_an_observed_value_rounding_the_rank_up()
    {
        long[] twenty = [.. Enumerable.Range(1, 20).Select(v => v * 10L)];

        // 95% of 20 is rank 19 exactly; 96% is rank 19.2, so rank 20.
        Assert.Equal(190, Percentile.NearestRank(twenty, 95));
        Assert.Equal(200, Percentile.NearestRank(twenty, 96));
        Assert.Equal(10, Percentile.NearestRank([10L], 99));
    }

    [Fact]
    public void No_values_or_a_percent_outside_0_to_100_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Percentile.NearestRank([], 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentile.NearestRank([1L], 101));
    }

    [Fact]
    public void A_summary_merges_every_log_and_reports_milliseconds()
    {
        var fast = new LatencyLog();
        var slow = new LatencyLog();
        for (var i = 1; i <= 99; i++)
        {
            fast.Add(Ticks(1));
        }
        slow.Add(Ticks(500));

        var summary = LatencySummary.From([fast, slow]);

        Assert.Equal(100, summary.Count);
        Assert.Equal(1, summary.P50Ms, 6);
        Assert.Equal(1, summary.P99Ms, 6);
        Assert.Equal(500, summary.MaxMs, 6);
        Assert.Equal(5.99, summary.MeanMs, 6);
    }

    [Fact]
    public void A_log_grows_past_its_first_buffer()
    {
        var log = new LatencyLog();
        for (var i = 0; i < 10_000; i++)
        {
            log.Add(i);
        }

        Assert.Equal(10_000, log.Count);
        Assert.Equal(9_999, log.Ticks[^1]);
        Assert.Same(LatencySummary.Empty, LatencySummary.From([]));
    }

    private static long Ticks(double milliseconds) => (long)(milliseconds * Stopwatch.Frequency / 1_000);
}
