using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace PrivacyLedger.ClusterDrill;

/// <summary>
/// The scale figures: single permission checks, then consent changes, each for a fixed time from a fixed number of
/// workers through the load balancer, with throughput and latency percentiles; and, when the nodes' /metrics are given,
/// the share of Orleans messages that crossed silos meanwhile (sent over the network against sent locally).
/// </summary>
internal static class ThroughputRun
{
    public static async Task<int> RunAsync(DrillOptions options, double seconds)
    {
        var timeline = new Timeline();
        using var http = new DrillHttp(options.Url, options.ApiKey, options.Workers + 8, timeline);
        var log = Console.Out;
        var seeding = new Seeding(http, log);
        var runId = "t1";
        string[] people;
        if (options.SkipSeed)
        {
            people = [.. (await seeding.MembersAsync(Seeding.LoadRegister)).Select(member => member.SubjectId)];
        }
        else
        {
            (people, _) = await seeding.ImportAsync(runId, options.People, 0, 0);
        }
        log.WriteLine($"# throughput through {options.Url}: {people.Length:N0} people, {options.Workers} workers, {seconds:F0} s per scenario, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        // Activate everyone once so neither scenario measures first activations.
        await Parallel.ForEachAsync(people.Chunk(1000), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (chunk, _) =>
            await http.PostAsync("warm-up", "/v1/permissions/check", JsonSerializer.Serialize(new { purpose = MixedLoad.Purpose, channel = "email", subjectIds = chunk })));

        var body = JsonSerializer.Serialize(new { channels = new[] { "email" }, source = "cluster-drill", evidence = "throughput" });
        var scenarios = new (string Name, Func<Random, Task<Reply>> Operation)[]
        {
            ("single checks", random => http.GetAsync("check", $"/v1/subjects/{people[random.Next(people.Length)]}/permissions?purpose={MixedLoad.Purpose}&channel=email")),
            ("consent changes", random => http.PutAsync("consent-change", $"/v1/subjects/{people[random.Next(people.Length)]}/consents/{MixedLoad.Purpose}", body)),
        };
        foreach (var (name, operation) in scenarios)
        {
            var before = await OrleansMessages.ScrapeAsync(options.MetricsUrls, options.MetricsKey);
            var (count, failed, latencies) = await MeasureAsync(operation, options.Workers, seconds);
            var after = await OrleansMessages.ScrapeAsync(options.MetricsUrls, options.MetricsKey);
            latencies.Sort();
            double Percentile(double p) => latencies.Count == 0 ? 0 : latencies[(int)Math.Min(latencies.Count - 1, p * latencies.Count)];
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"result: {name}: {count / seconds:N0}/s, p50 {Percentile(0.50):F2} ms, p99 {Percentile(0.99):F2} ms, failed {failed}{OrleansMessages.Describe(before, after)}"));
        }
        return 0;
    }

    private static async Task<(long Count, long Failed, List<double> Latencies)> MeasureAsync(Func<Random, Task<Reply>> operation, int workers, double seconds)
    {
        var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        long count = 0, failed = 0;
        var perWorker = await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            var latencies = new List<double>();
            while (Stopwatch.GetTimestamp() < end)
            {
                var started = Stopwatch.GetTimestamp();
                var reply = await operation(random);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref reply.IsSuccess ? ref count : ref failed);
            }
            return latencies;
        })));
        return (count, failed, [.. perWorker.SelectMany(latencies => latencies)]);
    }
}
