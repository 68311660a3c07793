using System.CommandLine;
using PrivacyLedger.LoadTest;

// dotnet run -c Release --project benchmarks/PrivacyLedger.LoadTest -- --quick | --full  (see benchmarks/README.md)
var quick = new Option<bool>("--quick") { Description = "N = 10,000, 10 s per scenario (the default)" };
var full = new Option<bool>("--full") { Description = "N = 1,000,000, 20 s per scenario" };
var people = new Option<int?>("--people") { Description = "N, instead of the preset's", HelpName = "n" };
var duration = new Option<int?>("--duration") { Description = "Seconds measured per scenario", HelpName = "s" };
var warmup = new Option<int?>("--warmup") { Description = "Seconds of warm-up per scenario, not measured", HelpName = "s" };
var pgbenchDuration = new Option<int?>("--pgbench-duration") { Description = "Seconds per pgbench script", HelpName = "s" };
var only = new Option<string[]>("--only")
{
    Description = "Run only these scenarios: single-checks, single-checks-fixed-rate, single-checks-half-capacity, batch-checks, consent-changes, mix-90-10, enrolment, access-round-trip, "
        + "grpc-single-checks, grpc-single-checks-fixed-rate, grpc-streamed-checks, grpc-streamed-checks-fixed-rate, grpc-batch-checks, grpc-consent-changes",
    AllowMultipleArgumentsPerToken = true,
};
var gateway = new Option<Uri?>("--gateway") { Description = "Load a running gateway at this loopback URL instead of starting PostgreSQL and a gateway", HelpName = "url" };
var grpc = new Option<Uri?>("--grpc") { Description = "With --gateway: that gateway's gRPC listener (its Grpc:Url), for the gRPC scenarios", HelpName = "url" };
var grpcChanges = new Option<int?>("--grpc-changes-per-call") { Description = "Consent changes per ApplyChanges call (default 100)", HelpName = "n" };
var apiKey = new Option<string?>("--api-key") { Description = "An admin API key of that gateway", HelpName = "key" };
var gatewayPid = new Option<int?>("--gateway-pid") { Description = "That gateway's process id, for its CPU and memory", HelpName = "pid" };
var postgres = new Option<string?>("--postgres") { Description = "That gateway's PostgreSQL (Npgsql connection string, loopback), for pgbench", HelpName = "connection-string" };
var npgsql = new Option<string?>("--gateway-npgsql") { Description = "Npgsql settings appended to the started gateway's connection string, e.g. \"No Reset On Close=true\"", HelpName = "settings" };
var skipSeed = new Option<bool>("--skip-seed") { Description = "Use the people already there" };
var perf = new Option<bool>("--perf") { Description = "Profile the gateway and PostgreSQL with perf during each scenario (diagnostics; perf's own cost distorts the figures)" };
var report = new Option<string?>("--report") { Description = "Also write the Markdown report here", HelpName = "file" };
var consentConcurrency = new Option<int?>("--consent-concurrency") { Description = "Workers changing consents (default 256)", HelpName = "n" };
var singleConcurrency = new Option<int?>("--single-concurrency") { Description = "Workers sending single checks (default 32)", HelpName = "n" };

var root = new RootCommand("Load test of the PrivacyLedger gateway on PostgreSQL, beside pgbench of the same shapes on the same PostgreSQL.")
{
    quick, full, people, duration, warmup, pgbenchDuration, only, gateway, grpc, grpcChanges, apiKey, gatewayPid, postgres, npgsql, skipSeed, perf, report, consentConcurrency, singleConcurrency,
};
root.SetAction(async (parse, cancellationToken) =>
{
    var preset = parse.GetValue(full) ? LoadTestOptions.Full : LoadTestOptions.Quick;
    var options = preset with
    {
        People = parse.GetValue(people) ?? preset.People,
        Duration = parse.GetValue(duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : preset.Duration,
        Warmup = parse.GetValue(warmup) is { } warm ? TimeSpan.FromSeconds(warm) : preset.Warmup,
        PgbenchDuration = parse.GetValue(pgbenchDuration) is { } pg ? TimeSpan.FromSeconds(pg) : preset.PgbenchDuration,
        Only = new HashSet<string>(parse.GetValue(only) ?? [], StringComparer.Ordinal),
        GatewayUrl = parse.GetValue(gateway),
        GrpcUrl = parse.GetValue(grpc),
        GrpcChangesPerCall = parse.GetValue(grpcChanges) ?? preset.GrpcChangesPerCall,
        ApiKey = parse.GetValue(apiKey),
        GatewayPid = parse.GetValue(gatewayPid),
        Postgres = parse.GetValue(postgres),
        GatewayNpgsqlSettings = parse.GetValue(npgsql),
        SkipSeed = parse.GetValue(skipSeed),
        Perf = parse.GetValue(perf),
        ReportPath = parse.GetValue(report),
        ConsentConcurrency = parse.GetValue(consentConcurrency) ?? preset.ConsentConcurrency,
        SingleConcurrency = parse.GetValue(singleConcurrency) ?? preset.SingleConcurrency,
    };
    // Background collections only while measuring: a blocking gen2 of the generator's own heap would be counted as the gateway's latency.
    System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.SustainedLowLatency;
    return await new LoadRun(options, Console.Out).RunAsync(cancellationToken);
});
return await root.Parse(args).InvokeAsync();
