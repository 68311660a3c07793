using System.Diagnostics;
using System.Text.Json;
using PrivacyLedger.LoadTest.Hosting;
using PrivacyLedger.LoadTest.Load;
using PrivacyLedger.LoadTest.Measurement;
using PrivacyLedger.LoadTest.PgBench;
using PrivacyLedger.LoadTest.Reporting;
using PrivacyLedger.LoadTest.Scenarios;

namespace PrivacyLedger.LoadTest;

/// <summary>
/// One run, in order: start (or reach) the gateway and its PostgreSQL; seed N people; pgbench of the same shapes on
/// copies of their rows; restart the gateway and measure its memory before and after activating every subject;
/// the scenarios, each for a fixed time, HTTP then gRPC; the report.
/// </summary>
internal sealed class LoadRun(LoadTestOptions options, TextWriter output)
{
    private const int WarmSubjects = 100;
    private const int ActivationConcurrency = 4;
    private readonly Stopwatch _clock = new();

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var paths = RepositoryPaths.Find();
        var workDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"privacyledger-loadtest-{DateTime.UtcNow:yyyyMMdd-HHmmss}")).FullName;
        _clock.Start();
        output.WriteLine($"# load test, {options.Mode}: N = {options.People:N0}, {options.Warmup.TotalSeconds:F0} s warm-up + {options.Duration.TotalSeconds:F0} s per scenario; files in {workDirectory}");

        await using var system = options.GatewayUrl is { } url
            ? SystemUnderTest.Existing(paths, url, options.GrpcUrl, options.ApiKey ?? throw new ArgumentException("--api-key is needed with --gateway."), options.GatewayPid, options.Postgres)
            : await SystemUnderTest.StartAsync(paths, workDirectory, options.Perf, options.GatewayNpgsqlSettings, cancellationToken);
        var report = new RunReport
        {
            Mode = options.Mode,
            People = options.People,
            StartedAt = DateTimeOffset.UtcNow,
            Machine = $"{Environment.ProcessorCount} cores ({ProcFs.CpuModel()}), {ProcFs.MemoryTotalBytes() / 1_073_741_824.0:F0} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}",
            Source = await GitDescriptionAsync(paths.Root),
            System = system.Describe(),
            LoadAverageAtStart = ProcFs.LoadAverage(),
        };
        output.WriteLine($"# {report.System}");
        if (options.GatewayNpgsqlSettings is { Length: > 0 } extra)
        {
            report.Notes.Add($"The gateway's connection string had these Npgsql settings added: {extra}");
        }
        using var client = new LoadClient(system.BaseAddress, system.ApiKey, maxConnections: 1_024);

        if (!options.SkipSeed)
        {
            Section($"seeding {options.People:N0} people across the four sample registers");
            report.Seed = await new Seeder(client, new CpuMeter(system.GatewayPid, system.PostmasterPid, system.Postgres?.ConnectionString), output).SeedAsync(options.People, importConcurrency: 2, options.SeedConcurrency,
                () => system.AnalyzeAsync(cancellationToken), cancellationToken);
            output.WriteLine($"  {report.Seed.Method}: {report.Seed.Enrolments:N0} in {report.Seed.Elapsed.TotalSeconds:F1} s ({report.Seed.PerSecond:N0}/s), failed {report.Seed.Failed:N0}; CPU {report.Seed.Cpu}");
            await system.AnalyzeAsync(cancellationToken);
            if (report.Seed.Failed > report.Seed.Enrolments / 100)
            {
                output.WriteLine($"  more than 1% of the enrolments failed, e.g. {string.Join("; ", report.Seed.ErrorSamples)}");
                return 1;
            }
        }
        var subjectIds = await SubjectIds.CollectAsync(client, cancellationToken);
        output.WriteLine($"  {subjectIds.Length:N0} subjects listed by the registers");
        if (subjectIds.Length <= WarmSubjects)
        {
            output.WriteLine("  too few subjects to run on");
            return 1;
        }

        if (system.Postgres is { } postgres)
        {
            await RunPgBenchAsync(new PgBenchRunner(postgres, paths.PgbenchScripts, output), system, report, cancellationToken);
        }

        // A fresh gateway process: its memory is measured from a clean start, before and after activating everyone.
        await system.RestartGatewayAsync(cancellationToken);
        using var freshClient = new LoadClient(system.BaseAddress, system.ApiKey, maxConnections: 1_024);
        var cpu = new CpuMeter(system.GatewayPid, system.PostmasterPid, system.Postgres?.ConnectionString);
        await ActivateAsync(freshClient, subjectIds, system, cpu, report, cancellationToken);

        var catalog = new ScenarioCatalog(freshClient, subjectIds, firstNewPerson: Math.Max(options.People, subjectIds.Length) + 1_000_000);
        using var grpcClient = system.GrpcAddress is { } grpcAddress ? new GrpcLoadClient(grpcAddress, system.ApiKey, options.GrpcChannels) : null;
        await using var grpcCatalog = grpcClient is null ? null : new GrpcScenarioCatalog(grpcClient, subjectIds, options.GrpcChangesPerCall);
        var perf = options.Perf ? new PerfRecorder(workDirectory, output) : null;
        foreach (var scenario in Plan(catalog, report).Concat(GrpcPlan(grpcCatalog, report)))
        {
            Section($"{scenario.Title} ({(scenario.FixedRate is { } rate ? $"{rate:N0}/s" : $"{scenario.Concurrency} workers")})");
            var shape = new LoadShape(options.Warmup, options.Duration);
            var profiling = perf is not null && system.GatewayPid is { } gatewayPid
                ? perf.RecordAsync(scenario.Key, [gatewayPid, .. PostgresPids(system)], options.Warmup, options.Duration, cancellationToken)
                : Task.CompletedTask;
            var measurement = scenario.FixedRate is { } perSecond
                ? await Runners.FixedRateAsync(perSecond, shape, scenario.Operation, cpu, cancellationToken)
                : await Runners.ClosedLoopAsync(scenario.Concurrency, shape, scenario.Operation, cpu, cancellationToken);
            await profiling;
            report.Scenarios.Add(new ScenarioResult(scenario, measurement));
            var latency = measurement.Latency();
            output.WriteLine($"  {measurement.UnitsPerSecond:N0} {scenario.Unit}/s, p50 {latency.P50Ms:F2} ms, p95 {latency.P95Ms:F2} ms, p99 {latency.P99Ms:F2} ms, errors {measurement.Errors:N0}; CPU {measurement.Cpu}");
        }

        report.LoadAverageAtEnd = ProcFs.LoadAverage();
        report.Elapsed = _clock.Elapsed;
        output.WriteLine();
        ReportWriter.Write(report, output);
        var reportPath = options.ReportPath ?? Path.Combine(workDirectory, "report.md");
        await using (var file = new StreamWriter(reportPath))
        {
            ReportWriter.Write(report, file);
        }
        output.WriteLine($"\n# report written to {reportPath}");
        return 0;
    }

    /// <summary>
    /// The scenarios in the order they run. The first fixed-rate run asks for half the single-check target (2.5 ×
    /// pgbench select-only / 2); the second for half the rate the closed loop reached, which says what latency to
    /// expect at a sustainable load.
    /// </summary>
    private IEnumerable<Scenario> Plan(ScenarioCatalog catalog, RunReport report)
    {
        if (options.Runs("single-checks"))
        {
            yield return catalog.SingleChecks(options.SingleConcurrency);
        }
        var ownMaximum = report.ScenarioOf("single-checks")?.Measurement.OperationsPerSecond;
        if (options.Runs("single-checks-fixed-rate") && report.PgBenchOf(PgBenchScripts.SelectOnly) is { } select)
        {
            yield return catalog.SingleChecksAtRate("single-checks-fixed-rate", "half the target: 2.5 × pgbench select-only / 2",
                select.TransactionsPerSecond * Targets.SingleRatioGoal / 2, maxConnections: 256);
        }
        if (options.Runs("single-checks-half-capacity") && ownMaximum is > 0)
        {
            // For sizing: the latency at half of what this gateway reached above, whatever the target.
            yield return catalog.SingleChecksAtRate("single-checks-half-capacity", "half the closed-loop rate above", ownMaximum.Value / 2, maxConnections: 256);
        }
        if (options.Runs("batch-checks"))
        {
            yield return catalog.BatchChecks(options.BatchConcurrency);
        }
        if (options.Runs("consent-changes"))
        {
            yield return catalog.ConsentChanges(options.ConsentConcurrency);
        }
        if (options.Runs("mix-90-10"))
        {
            yield return catalog.Mix(options.MixConcurrency);
        }
        if (options.Runs("enrolment"))
        {
            yield return catalog.Enrolment(options.EnrolConcurrency);
        }
        if (options.Runs("access-round-trip"))
        {
            yield return catalog.AccessRoundTrips(options.AccessConcurrency);
        }
    }

    /// <summary>
    /// The gRPC scenarios, after the HTTP ones on the same people and gateway. The fixed-rate runs ask for half the
    /// single-check target, as over HTTP, once with unary calls and once on the streams.
    /// </summary>
    private IEnumerable<Scenario> GrpcPlan(GrpcScenarioCatalog? catalog, RunReport report)
    {
        if (catalog is null)
        {
            report.Notes.Add("The gateway's gRPC address was not given (--grpc): the gRPC scenarios did not run.");
            yield break;
        }
        var halfTarget = report.PgBenchOf(PgBenchScripts.SelectOnly) is { } select ? select.TransactionsPerSecond * Targets.SingleRatioGoal / 2 : (double?)null;
        const string why = "half the target: 2.5 × pgbench select-only / 2";
        if (options.Runs("grpc-single-checks"))
        {
            yield return catalog.SingleChecks(options.GrpcSingleConcurrency);
        }
        if (options.Runs("grpc-single-checks-fixed-rate") && halfTarget is { } unaryRate)
        {
            yield return catalog.SingleChecksAtRate("grpc-single-checks-fixed-rate", why, unaryRate);
        }
        if (options.Runs("grpc-streamed-checks"))
        {
            yield return catalog.StreamedChecks(options.GrpcStreamedConcurrency);
        }
        if (options.Runs("grpc-streamed-checks-fixed-rate") && halfTarget is { } streamedRate)
        {
            yield return catalog.StreamedChecksAtRate("grpc-streamed-checks-fixed-rate", why, streamedRate);
        }
        if (options.Runs("grpc-batch-checks"))
        {
            yield return catalog.BatchChecks(options.GrpcBatchConcurrency);
        }
        if (options.Runs("grpc-consent-changes"))
        {
            yield return catalog.ConsentChanges(options.GrpcChangeConcurrency);
        }
    }

    private async Task RunPgBenchAsync(PgBenchRunner pgbench, SystemUnderTest system, RunReport report, CancellationToken cancellationToken)
    {
        Section("pgbench on tables of the same shape (copies of the subjects' rows), same PostgreSQL");
        var tables = report.PgBenchTables = await pgbench.PrepareAsync(cancellationToken);
        output.WriteLine($"  {tables.Subjects:N0} subjects copied in {tables.CopyTime.TotalSeconds:F1} s; state payload {tables.StateBytes:N0} B, event payload {tables.EventBytes:N0} B on average");
        if (tables.StateBytes > 1_900)
        {
            report.Notes.Add($"The average state payload ({tables.StateBytes:N0} B) is near PostgreSQL's TOAST threshold: pgbench's 'payload = payload' may then skip rewriting out-of-line values that the gateway rewrites.");
        }
        var cpu = new CpuMeter(null, system.PostmasterPid, system.Postgres?.ConnectionString);
        (string Script, int Clients, bool CountsEvents)[] runs =
        [
            (PgBenchScripts.SelectOnly, options.PgbenchSelectClients, false),
            (PgBenchScripts.OneChange, options.PgbenchOneChangeClients, true),
            (PgBenchScripts.HundredChanges, options.PgbenchHundredClients, true),
        ];
        foreach (var (script, clients, countsEvents) in runs)
        {
            var result = await pgbench.RunAsync(script, clients, threads: Math.Min(clients, 2), options.PgbenchDuration, tables, cpu, countsEvents, cancellationToken);
            report.PgBench.Add(result);
            output.WriteLine($"  {script}: {result.TransactionsPerSecond:N0} transactions/s{(result.RowsPerSecond is { } rows ? $", {rows:N0} people/s" : "")}, mean {result.LatencyMeanMs:F2} ms; CPU {result.Cpu}");
        }
        await pgbench.DropAsync(cancellationToken);
    }

    /// <summary>
    /// Warms the fresh gateway on a few subjects (JIT, pools), reads its memory, activates everyone else by batch
    /// checks (every answer parsed: an unknown subject would not be an activation), and reads its memory again.
    /// </summary>
    private async Task ActivateAsync(LoadClient client, string[] subjectIds, SystemUnderTest system, CpuMeter cpu, RunReport report, CancellationToken cancellationToken)
    {
        Section($"activation of {subjectIds.Length - WarmSubjects:N0} subject grains in a fresh gateway process");
        var warm = subjectIds[..WarmSubjects];
        for (var round = 0; round < 20; round++)
        {
            await Task.WhenAll(warm.Select(id => client.GetAsync($"/v1/subjects/{id}/permissions?purpose=direct-marketing&channel=email", cancellationToken)));
            await client.PostJsonAsync("/v1/permissions/check", ScenarioCatalog.BatchBody(warm), cancellationToken);
        }
        var before = system.GatewayPid is { } pid ? await GcProbe.CollectAndMeasureAsync(pid, cancellationToken) : null;

        var chunks = subjectIds[WarmSubjects..].Chunk(ScenarioCatalog.BatchSize).ToArray();
        var unknown = 0;
        var start = cpu.Sample();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = ActivationConcurrency, CancellationToken = cancellationToken }, async (chunk, token) =>
        {
            var reply = await client.PostJsonAsync("/v1/permissions/check", ScenarioCatalog.BatchBody(chunk), token);
            if (!reply.IsSuccess)
            {
                throw new InvalidOperationException($"Activation batch failed: {reply.Describe()}");
            }
            using var answer = JsonDocument.Parse(reply.Body);
            var missing = answer.RootElement.GetProperty("results").EnumerateArray()
                .Count(result => result.GetProperty("reasons").EnumerateArray().Any(reason => reason.GetString() == "unknown-subject"));
            Interlocked.Add(ref unknown, missing);
        });
        clock.Stop();
        report.Activation = new ActivationResult(subjectIds.Length - WarmSubjects, unknown, clock.Elapsed, CpuSplit.Between(start, cpu.Sample()));
        output.WriteLine($"  {report.Activation.Subjects:N0} in {clock.Elapsed.TotalSeconds:F1} s = {report.Activation.PerSecond:N0}/s, {unknown:N0} unknown; CPU {report.Activation.Cpu}");

        if (before is not null && system.GatewayPid is { } gatewayPid)
        {
            var after = await GcProbe.CollectAndMeasureAsync(gatewayPid, cancellationToken);
            report.Memory = new MemoryResult(before, after, report.Activation.Subjects - unknown);
            output.WriteLine($"  gateway after a full GC: heap {before.HeapBytes:N0} → {after.HeapBytes:N0} B, resident {before.ResidentBytes:N0} → {after.ResidentBytes:N0} B: "
                + $"{report.Memory.HeapBytesPerGrain:N0} B heap, {report.Memory.ResidentBytesPerGrain:N0} B resident per grain");
            if (!system.OwnsGateway)
            {
                report.Notes.Add("The gateway was not started by this run: grains it already held before the measurement are in both readings, and any seeded by this run may have been active before.");
            }
        }
    }

    private void Section(string title) => output.WriteLine($"\n## [{_clock.Elapsed:mm\\:ss}] {title}");

    private static IEnumerable<int> PostgresPids(SystemUnderTest system) =>
        system.PostmasterPid is { } postmaster ? [postmaster, .. ProcFs.Children(postmaster)] : [];

    private static async Task<string> GitDescriptionAsync(string root)
    {
        try
        {
            var commit = await Tool.RunAsync("git", ["-C", root, "log", "-1", "--format=%h %s"], CancellationToken.None);
            var status = await Tool.RunAsync("git", ["-C", root, "status", "--porcelain", "--untracked-files=no"], CancellationToken.None);
            return $"commit {commit.Output.Trim()}{(status.Output.Trim().Length > 0 ? " (plus uncommitted changes)" : "")}";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (no git)";
        }
    }
}
