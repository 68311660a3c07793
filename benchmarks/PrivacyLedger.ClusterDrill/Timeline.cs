using System.Collections.Concurrent;
using System.Diagnostics;

namespace PrivacyLedger.ClusterDrill;

/// <summary>
/// Every answer the drill got, kept as counts per kind, plus each failure with its time: 5xx, no answer at all (status
/// 0: connection reset, timeout), and other unexpected statuses. Times are seconds since the drill started.
/// </summary>
internal sealed class Timeline
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<Failure> _failures = new();
    private readonly ConcurrentDictionary<string, Counter> _counts = new(StringComparer.Ordinal);

    public double Now => _clock.Elapsed.TotalSeconds;

    public IReadOnlyCollection<Failure> Failures => _failures;

    public IEnumerable<(string Kind, long Answers, long Failed)> Counts =>
        _counts.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => (pair.Key, pair.Value.Answers, pair.Value.Failed));

    public void Record(string kind, int status, double at, string? detail)
    {
        var counter = _counts.GetOrAdd(kind, _ => new Counter());
        Interlocked.Increment(ref counter.Answers);
        if (status is 0 or >= 400)
        {
            Interlocked.Increment(ref counter.Failed);
            _failures.Enqueue(new Failure(at, kind, status, detail));
        }
    }

    private sealed class Counter
    {
        public long Answers;
        public long Failed;
    }
}

/// <summary>One failed exchange: when its answer (or its failure) came, what it was, its status (0: no answer), the start of the body.</summary>
internal sealed record Failure(double At, string Kind, int Status, string? Detail)
{
    /// <summary>A 5xx or no answer: what a failover may cause and nothing else may.</summary>
    public bool IsServerSide => Status is 0 or >= 500;
}
