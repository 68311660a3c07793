using System.Diagnostics;
using PrivacyLedger.LoadTest.Measurement;

namespace PrivacyLedger.LoadTest.Load;

/// <summary>What one operation did: whether it succeeded, how many units it covered (people, for a batch), and its kind in a mix.</summary>
internal readonly record struct Outcome(bool Ok, int Units = 1, int Kind = 0, string? Error = null)
{
    public static Outcome Failed(string error, int kind = 0) => new(false, 0, kind, error);

    public static Outcome From(Reply reply, int units = 1, int kind = 0) => reply.IsSuccess ? new(true, units, kind) : Failed(reply.Describe(), kind);
}

/// <summary>One operation of a scenario, run by a worker with its own random source.</summary>
internal delegate Task<Outcome> Operation(Random random, CancellationToken cancellationToken);

/// <summary>How a scenario is driven: a warm-up that is not measured, then a measured window of fixed length.</summary>
internal sealed record LoadShape(TimeSpan Warmup, TimeSpan Duration)
{
    public TimeSpan Total => Warmup + Duration;
}

/// <summary>
/// The two ways of offering load, both bounded by time. Closed loop: a fixed number of workers, each sending its next
/// request when the last one is answered, which finds the highest throughput at that concurrency. Fixed rate (open
/// loop): requests are started on a schedule whether or not earlier ones are answered, and each latency is measured
/// from when its request was due, so a stall shows up in the percentiles instead of slowing the schedule down.
/// </summary>
internal static class Runners
{
    private const int MaxOutstanding = 2_000;
    private static readonly TimeSpan LateAnswerGrace = TimeSpan.FromSeconds(5);

    public static async Task<RunMeasurement> ClosedLoopAsync(int concurrency, LoadShape shape, Operation operation, CpuMeter cpu, CancellationToken cancellationToken)
    {
        var window = Window.StartingNow(shape);
        var tallies = Enumerable.Range(0, concurrency).Select(_ => new Tally()).ToArray();
        var workers = tallies.Select((tally, i) => Task.Run(async () =>
        {
            var random = new Random(HashCode.Combine(i, Environment.TickCount));
            while (!cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                if (started >= window.End)
                {
                    break;
                }
                var outcome = await RunSafelyAsync(operation, random, cancellationToken);
                var ended = Stopwatch.GetTimestamp();
                if (window.Contains(ended))
                {
                    tally.Add(outcome, ended - started);
                }
            }
        }, CancellationToken.None)).ToList();
        var cpuSplit = await MeasureCpuAsync(window, cpu, cancellationToken);
        await Task.WhenAll(workers);
        return new RunMeasurement(shape.Duration, tallies, cpuSplit, Offered: null);
    }

    /// <summary>
    /// Every request due in the window is counted, answered or not: one still unanswered 5 s after the window is
    /// cancelled and counts as an error, and so does one not sent because <see cref="MaxOutstanding"/> were already
    /// waiting (the gateway is far behind; queueing more would only load the generator).
    /// </summary>
    public static async Task<RunMeasurement> FixedRateAsync(double perSecond, LoadShape shape, Operation operation, CpuMeter cpu, CancellationToken cancellationToken)
    {
        var window = Window.StartingNow(shape);
        var tallies = new ThreadLocal<Tally>(() => new Tally(), trackAllValues: true);
        using var late = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var outstanding = 0;
        var schedulingOver = 0;
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long offeredInWindow = 0;

        async Task RunOneAsync(long due)
        {
            var outcome = await RunSafelyAsync(operation, Random.Shared, late.Token);
            if (window.Contains(due))
            {
                tallies.Value!.Add(outcome, Stopwatch.GetTimestamp() - due);
            }
            if (Interlocked.Decrement(ref outstanding) == 0 && Volatile.Read(ref schedulingOver) == 1)
            {
                allDone.TrySetResult();
            }
        }

        // A thread of its own, so the schedule does not wait behind the thread pool's queue when the machine is busy.
        var scheduling = Task.Factory.StartNew(() =>
        {
            var ticksPerRequest = Stopwatch.Frequency / perSecond;
            long issued = 0;
            while (!cancellationToken.IsCancellationRequested && Stopwatch.GetTimestamp() < window.End)
            {
                // Everything due by now is started now; each keeps the time it was due.
                long due;
                while ((due = window.Begun + (long)(issued * ticksPerRequest)) <= Stopwatch.GetTimestamp())
                {
                    issued++;
                    if (window.Contains(due))
                    {
                        offeredInWindow++;
                    }
                    if (Volatile.Read(ref outstanding) >= MaxOutstanding)
                    {
                        if (window.Contains(due))
                        {
                            tallies.Value!.Add(Outcome.Failed($"not sent: {MaxOutstanding:N0} requests were waiting for answers"), 0);
                        }
                        continue;
                    }
                    Interlocked.Increment(ref outstanding);
                    _ = RunOneAsync(due);
                }
                Thread.Sleep(1);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var cpuSplit = await MeasureCpuAsync(window, cpu, cancellationToken);
        await scheduling;
        late.CancelAfter(LateAnswerGrace);
        // Both sides use full fences (Interlocked), so whichever of them comes last completes allDone.
        Interlocked.Exchange(ref schedulingOver, 1);
        if (Interlocked.CompareExchange(ref outstanding, 0, 0) == 0)
        {
            allDone.TrySetResult();
        }
        await allDone.Task.WaitAsync(TimeSpan.FromMinutes(2), CancellationToken.None);
        return new RunMeasurement(shape.Duration, [.. tallies.Values], cpuSplit, offeredInWindow / shape.Duration.TotalSeconds);
    }

    private static async Task<Outcome> RunSafelyAsync(Operation operation, Random random, CancellationToken cancellationToken)
    {
        try
        {
            return await operation(random, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Outcome.Failed("no answer before the run stopped waiting");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return Outcome.Failed($"{exception.GetType().Name}: {exception.Message}");
        }
    }

    private static async Task<CpuSplit> MeasureCpuAsync(Window window, CpuMeter cpu, CancellationToken cancellationToken)
    {
        await Window.DelayUntilAsync(window.Start, cancellationToken);
        var start = cpu.Sample();
        await Window.DelayUntilAsync(window.End, cancellationToken);
        return CpuSplit.Between(start, cpu.Sample());
    }

    /// <summary>When the run began (warm-up included) and its measured window, in Stopwatch timestamps.</summary>
    private readonly record struct Window(long Begun, long Start, long End)
    {
        public static Window StartingNow(LoadShape shape)
        {
            var begun = Stopwatch.GetTimestamp();
            var start = begun + (long)(shape.Warmup.TotalSeconds * Stopwatch.Frequency);
            return new Window(begun, start, start + (long)(shape.Duration.TotalSeconds * Stopwatch.Frequency));
        }

        public bool Contains(long timestamp) => timestamp >= Start && timestamp < End;

        public static async Task DelayUntilAsync(long timestamp, CancellationToken cancellationToken)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }
        }
    }
}

/// <summary>What one worker (or one thread, at a fixed rate) saw in the measured window: latencies by kind, units, errors.</summary>
internal sealed class Tally
{
    private const int ErrorSamples = 3;
    private readonly Dictionary<int, LatencyLog> _latencies = [];

    public long Units { get; private set; }

    public long Errors { get; private set; }

    public List<string> ErrorSamplesSeen { get; } = [];

    public IReadOnlyDictionary<int, LatencyLog> Latencies => _latencies;

    public void Add(Outcome outcome, long ticks)
    {
        if (!outcome.Ok)
        {
            Errors++;
            if (ErrorSamplesSeen.Count < ErrorSamples && outcome.Error is not null)
            {
                ErrorSamplesSeen.Add(outcome.Error);
            }
            return;
        }
        Units += outcome.Units;
        if (!_latencies.TryGetValue(outcome.Kind, out var log))
        {
            _latencies[outcome.Kind] = log = new LatencyLog();
        }
        log.Add(ticks);
    }
}

/// <summary>The tallies of one measured window, its CPU split, and for a fixed-rate run the rate actually offered.</summary>
internal sealed record RunMeasurement(TimeSpan Duration, IReadOnlyList<Tally> Tallies, CpuSplit Cpu, double? Offered)
{
    public long Operations => Tallies.Sum(t => t.Latencies.Values.Sum(log => (long)log.Count));

    public long Errors => Tallies.Sum(t => t.Errors);

    public long Units => Tallies.Sum(t => t.Units);

    public double OperationsPerSecond => Operations / Duration.TotalSeconds;

    public double UnitsPerSecond => Units / Duration.TotalSeconds;

    public IReadOnlyList<string> ErrorSamples => [.. Tallies.SelectMany(t => t.ErrorSamplesSeen).Distinct().Take(3)];

    public LatencySummary Latency(int? kind = null) =>
        LatencySummary.From(Tallies.SelectMany(t => t.Latencies.Where(pair => kind is null || pair.Key == kind).Select(pair => pair.Value)));

    public long OperationsOf(int kind) => Tallies.Sum(t => t.Latencies.TryGetValue(kind, out var log) ? log.Count : 0);
}
