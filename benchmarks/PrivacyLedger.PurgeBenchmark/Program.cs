using PrivacyLedger.Benchmarks.Shared;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Hosting;
using Npgsql;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Campaigns;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Hosting;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Imports;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Requests;
using PrivacyLedger.Ledger.Subjects;
using PrivacyLedger.PurgeBenchmark;
using PrivacyLedger.Storage;
using PrivacyLedger.Storage.Postgres;
using PrivacyLedger.Testing;

// One long run, not BenchmarkDotNet: seed N people into one register, purge them all with a register-purge
// campaign through the runtime, and, in the same run and on the same cluster, time a raw PostgreSQL DELETE of
// copies of the rows the purge is about. See benchmarks/README.md, "Register purge".

const string RegisterId = "plusterveys-corporate";
const string Category = "contact-person";
const string Schema = "ledger";
const string ServiceId = "privacy-ledger";
const int ImportBatchSize = 5_000;
// --jit-warmup: people of another register, purged (untimed) before the measured purge, so the process's code is
// JIT-compiled as in a gateway that has been running; the measured people are still activated from storage.
const string WarmupRegisterId = "perhelaakarit-customers";
const string WarmupCategory = "basic-data";

var n = 100_000;
// Warming up (activating every seeded subject when the purge is to start warm) keeps this many calls in flight.
var concurrency = 200;
double? explainSampleRate = null;
var cold = false;
var jitWarmup = 0;
var serverSettings = new List<string>();
var statStatements = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--n": n = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--concurrency": concurrency = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--cold": cold = true; break;
        case "--explain-sample": explainSampleRate = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--pg": serverSettings.Add(args[++i]); break;
        case "--stat-statements": statStatements = true; break;
        case "--jit-warmup": jitWarmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}; usage: [--n 100000] [--concurrency 200] [--cold] [--explain-sample 0.01] [--pg name=value (a PostgreSQL setting; repeatable)] [--stat-statements (print PostgreSQL's top statements of the purge)] [--jit-warmup 5000 (purge that many people of another register first, untimed)]"); return 2;
    }
}

var registersPath = SampleRegisters.FindFolder();
Console.WriteLine($"# register purge benchmark, N = {n:N0}, warm-up concurrency {concurrency}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC");
Console.WriteLine($"# {Environment.ProcessorCount} cores, .NET {Environment.Version}, GC server={System.Runtime.GCSettings.IsServerGC}, registers from {registersPath}");

if (statStatements)
{
    serverSettings.Add("shared_preload_libraries=pg_stat_statements");
}
Console.WriteLine($"# load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
await using var cluster = await PostgresCluster.StartAsync(durable: true, serverSettings);
Console.WriteLine($"# PostgreSQL on 127.0.0.1:{cluster.Port}, data in {cluster.DataDirectory}, fsync on{string.Concat(serverSettings.Select(setting => ", " + setting))}");
if (explainSampleRate is { } rate)
{
    // Diagnostics only (distorts the timings): auto_explain logs the plan, row counts and buffers of a sample
    // of every statement to the cluster's server.log, copied out at the end of the run.
    await using var connection = new NpgsqlConnection(cluster.ConnectionString);
    await connection.OpenAsync();
    foreach (var sql in new[]
    {
        "LOAD 'auto_explain'",
        "ALTER SYSTEM SET session_preload_libraries = 'auto_explain'",
        "ALTER SYSTEM SET auto_explain.log_min_duration = 0",
        $"ALTER SYSTEM SET auto_explain.sample_rate = {rate.ToString(CultureInfo.InvariantCulture)}",
        "ALTER SYSTEM SET auto_explain.log_analyze = on",
        "ALTER SYSTEM SET auto_explain.log_timing = off",
        "ALTER SYSTEM SET auto_explain.log_buffers = on",
        "ALTER SYSTEM SET auto_explain.log_nested_statements = on",
        "SELECT pg_reload_conf()",
    })
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
    Console.WriteLine($"# auto_explain on for {rate:P1} of statements: timings below are NOT representative");
}

var masterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
using var probe = new StorageMeterProbe();
var host = await StartHostAsync(cluster.ConnectionString, masterKey, registersPath);
var results = new List<(string What, long Rows, TimeSpan Time, string Note)>();
try
{
    var directory = host.Services.GetRequiredService<SubjectDirectory>();
    var members = host.Services.GetRequiredService<RegisterMembers>();
    var vault = host.Services.GetRequiredService<DataKeyVault>();
    var grains = host.Services.GetRequiredService<IGrainFactory>();
    var actor = new Actor("purge-benchmark", "campaign-operator");
    var stats = new PhaseStats(cluster.ConnectionString, probe);

    // 1. Seeding, through the bulk import (POST /v1/imports' path) in its batches of 5,000.
    Console.WriteLine($"\n## seeding {n:N0} people into {RegisterId} / {Category} through SubjectImporter");
    var importer = host.Services.GetRequiredService<SubjectImporter>();
    stats.Begin();
    var seeding = Stopwatch.StartNew();
    var created = 0;
    foreach (var batch in Enumerable.Range(0, n).Chunk(ImportBatchSize))
    {
        var outcome = await importer.ImportBatchAsync([.. batch.Select(i => new ImportRow(i + 1, Person(i)))], actor);
        if (outcome.Problems.Count > 0)
        {
            throw new InvalidOperationException($"seeding: {outcome.Problems.Count} rows refused, the first: {outcome.Problems[0]}");
        }
        created += outcome.Created;
    }
    seeding.Stop();
    var seedStats = await stats.EndAsync();
    foreach (var batch in Enumerable.Range(0, jitWarmup).Chunk(ImportBatchSize))
    {
        await importer.ImportBatchAsync([.. batch.Select(i => new ImportRow(i + 1, WarmupPerson(i)))], actor);
    }
    results.Add(("seed: SubjectImporter.ImportBatchAsync", created, seeding.Elapsed, seedStats));
    Console.WriteLine($"  seeded {created:N0} in {seeding.Elapsed.TotalSeconds:F1} s = {created / seeding.Elapsed.TotalSeconds:N0} people/s");
    Console.WriteLine($"  {seedStats}");
    Console.WriteLine($"  {await TableSizesAsync(cluster.ConnectionString)}");
    var subjectIds = await MemberIdsAsync(members);

    // 2. The raw comparison: copies of the rows the purge is about, deleted by plain SQL, same cluster, fsync on.
    Console.WriteLine("\n## raw PostgreSQL DELETE of copies of the same rows");
    var raw = await RawDeleteAsync(cluster.ConnectionString, RegisterId);
    results.AddRange(raw);

    if (cold)
    {
        // A fresh runtime on the same database: every subject the purge touches is activated from storage,
        // as after a restart or once the seeded activations have gone idle (15 minutes by default).
        await StopHostAsync(host);
        host = await StartHostAsync(cluster.ConnectionString, masterKey, registersPath);
        directory = host.Services.GetRequiredService<SubjectDirectory>();
        members = host.Services.GetRequiredService<RegisterMembers>();
        vault = host.Services.GetRequiredService<DataKeyVault>();
        grains = host.Services.GetRequiredService<IGrainFactory>();
        Console.WriteLine("\n# runtime restarted: the purge starts with no subject activated (--cold)");
    }
    else
    {
        // The bulk import writes storage directly and activates nobody. Activating every subject now puts their
        // state in memory, as enrolling them through their grains did; their data keys are still looked up by the purge.
        Console.WriteLine($"\n## warm-up: activating the {subjectIds.Count:N0} seeded subjects");
        stats.Begin();
        var warming = Stopwatch.StartNew();
        await Parallel.ForEachAsync(subjectIds, new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (subjectId, _) => await grains.GetGrain<ISubjectGrain>(subjectId).GetMembershipsAsync());
        warming.Stop();
        var warmStats = await stats.EndAsync();
        results.Add(("warm-up: every subject activated", subjectIds.Count, warming.Elapsed, warmStats));
        Console.WriteLine($"  activated {subjectIds.Count:N0} in {warming.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"  {warmStats}");
    }

    // 3. The purge.
    if (jitWarmup > 0)
    {
        var (warmView, warmTime) = await PurgeAsync(grains, WarmupRegisterId, actor, report: false);
        Console.WriteLine($"\n## JIT warm-up: {warmView.Erased:N0} people of {WarmupRegisterId} purged first, in {warmTime.TotalSeconds:F1} s (not timed below)");
    }
    Console.WriteLine($"\n## register-purge campaign over {RegisterId} ({(cold ? "cold: subjects activated from storage" : "warm: the seeded subjects are still activated")})");
    await Checkpoint(cluster.ConnectionString);
    if (statStatements)
    {
        await StatStatementsResetAsync(cluster.ConnectionString);
    }
    stats.Begin();
    var (view, purgingTime) = await PurgeAsync(grains, RegisterId, actor, report: true);
    var purgeStats = await stats.EndAsync();
    results.Add(($"purge: register-purge campaign ({(cold ? "cold" : "warm")})", view.Erased, purgingTime, purgeStats));
    Console.WriteLine($"  {view.Status}: total {view.Total:N0}, processed {view.Processed:N0}, erased {view.Erased:N0}, held {view.Held:N0}, failed {view.Failed:N0}, skipped {view.Skipped:N0}");
    Console.WriteLine($"  wall {purgingTime.TotalSeconds:F1} s = {view.Erased / purgingTime.TotalSeconds:N0} people/s (campaign's own rate {view.RatePerSecond:N0}/s)");
    Console.WriteLine($"  {purgeStats}");
    if (statStatements)
    {
        await PrintStatStatementsAsync(cluster.ConnectionString);
    }

    // 4. Checks.
    Console.WriteLine("\n## checks");
    var checks = new List<(string, bool)>();
    checks.Add(($"seeded == N ({subjectIds.Count:N0} members of {RegisterId} before the purge)", subjectIds.Count == n));
    checks.Add(($"status Completed ({view.Status})", view.Status == CampaignStatus.Completed));
    checks.Add(($"erased == N ({view.Erased:N0} of {n:N0})", view.Erased == n));
    var left = await members.ListAsync(RegisterId, null, 10);
    checks.Add(($"register member set empty ({left.Items.Count} listed)", left.Items.Count == 0));
    var sample = subjectIds.OrderBy(_ => Random.Shared.Next()).Take(100).ToList();
    var keysLeft = 0;
    var invalidLedgers = 0;
    foreach (var subjectId in sample)
    {
        if (await vault.TryGetAsync(subjectId) is not null)
        {
            keysLeft++;
        }
        if (!(await directory.Subject(subjectId).VerifyLedgerAsync()).Valid)
        {
            invalidLedgers++;
        }
    }
    checks.Add(($"sample of {sample.Count}: no data key ({keysLeft} left)", keysLeft == 0));
    checks.Add(($"sample of {sample.Count}: ledger verifies ({invalidLedgers} invalid)", invalidLedgers == 0));
    foreach (var (what, ok) in checks)
    {
        Console.WriteLine($"  [{(ok ? "ok" : "FAILED")}] {what}");
    }

    // 5. Table.
    Console.WriteLine("\n## results");
    Console.WriteLine($"| what | rows/people | wall time | per second |");
    Console.WriteLine($"|---|---:|---:|---:|");
    foreach (var (what, rows, time, _) in results)
    {
        Console.WriteLine($"| {what} | {rows:N0} | {time.TotalSeconds:F3} s | {rows / time.TotalSeconds:N0} |");
    }
    var rawAll = raw[^1];
    Console.WriteLine($"\npurge wall time / raw DELETE of all copied rows in one transaction = {purgingTime.TotalSeconds:F1} s / {rawAll.Time.TotalSeconds:F3} s = {purgingTime / rawAll.Time:N0}x");
    Console.WriteLine($"target: {n:N0} purged in <= 20 s at N = 100,000 ({(n == 100_000 ? (purgingTime.TotalSeconds <= 20 ? "met" : "NOT met") : "this run is not at N = 100,000")})");
    return checks.All(check => check.Item2) ? 0 : 1;
}
finally
{
    if (explainSampleRate is not null)
    {
        var log = Path.Combine(Path.GetDirectoryName(cluster.DataDirectory)!, "server.log");
        var copy = Path.Combine(Path.GetTempPath(), $"purge-bench-server-{cluster.Port}.log");
        File.Copy(log, copy, overwrite: true);
        Console.WriteLine($"# server log with auto_explain output copied to {copy}");
    }
    await StopHostAsync(host);
}

// The same person as before the import seeded them: one e-mail identifier, an external id, given and family name.

// Runs a register-purge campaign to its end; prints progress when asked.
static async Task<(CampaignView View, TimeSpan Elapsed)> PurgeAsync(IGrainFactory grains, string registerId, Actor actor, bool report)
{
    var campaign = grains.GetGrain<ICampaignGrain>($"purge-bench-{Guid.NewGuid():N}");
    var purging = Stopwatch.StartNew();
    var view = await campaign.StartAsync(new NewCampaign(
        CampaignKind.RegisterPurge, registerId,
        new CampaignSelector { InactiveSince = DateTimeOffset.UtcNow.AddDays(1) },
        DryRun: false, MaxPerSecond: null), actor);
    var lastPrint = TimeSpan.Zero;
    var selectionSeen = !view.Selecting;
    while (view.Status is CampaignStatus.Planned or CampaignStatus.Running)
    {
        await Task.Delay(100);
        view = await campaign.GetAsync() ?? throw new InvalidOperationException("campaign vanished");
        if (report && !selectionSeen && !view.Selecting)
        {
            // Processing overlaps selection: how far it had got when the last page was selected (to the 100 ms poll).
            selectionSeen = true;
            Console.WriteLine($"  {purging.Elapsed.TotalSeconds:F1} s: selection done, total {view.Total:N0}, processed {view.Processed:N0}");
        }
        if (report && purging.Elapsed - lastPrint >= TimeSpan.FromSeconds(10))
        {
            lastPrint = purging.Elapsed;
            Console.WriteLine($"  {purging.Elapsed.TotalSeconds:F0} s: total {view.Total:N0}, processed {view.Processed:N0}, erased {view.Erased:N0}, rate {view.RatePerSecond:N0}/s");
        }
    }
    purging.Stop();
    return (view, purging.Elapsed);
}

static Enrolment WarmupPerson(int i) => new(
    WarmupRegisterId,
    [new SubjectIdentifier(IdentifierKind.Email, $"warmup{i}@purge-bench.example")],
    ExternalId: $"warmup-{i}",
    new ContactData { GivenName = "Warm", FamilyName = $"Up {i}" },
    [new CategoryCollection(WarmupCategory, null)],
    Source: "data-subject",
    LastActivityAt: null);

static Enrolment Person(int i) => new(
    RegisterId,
    [new SubjectIdentifier(IdentifierKind.Email, $"person{i}@purge-bench.example")],
    ExternalId: $"bench-{i}",
    new ContactData { GivenName = "Bench", FamilyName = $"Person {i}", Email = $"person{i}@purge-bench.example" },
    [new CategoryCollection(Category, null)],
    Source: "data-subject",
    LastActivityAt: null);

// Every member of the register: the import does not say whom it created.
static async Task<List<string>> MemberIdsAsync(RegisterMembers members)
{
    var subjectIds = new List<string>();
    string? after = null;
    do
    {
        var page = await members.ListAsync(RegisterId, after, 1_000);
        subjectIds.AddRange(page.Items.Select(member => member.SubjectId));
        after = page.Next;
    }
    while (after is not null);
    return subjectIds;
}

static async Task<IHost> StartHostAsync(string connectionString, string masterKey, string registersPath)
{
    // The gateway's silo without its HTTP side: one node, the grains' state in PostgreSQL.
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.ClearProviders().AddConsole().AddFilter(level => level >= LogLevel.Warning);
    builder.Services.AddPostgresStorage(options =>
    {
        options.ConnectionString = connectionString;
        options.Schema = Schema;
        options.ServiceId = ServiceId;
    });
    builder.Services.AddSingleton<INotificationSender, NoNotifications>();
    builder.UseOrleans(silo =>
    {
        silo.UseLocalhostClustering(siloPort: 21111, gatewayPort: 0);
        silo.UseInMemoryReminderService();
        silo.AddLedger(options =>
        {
            options.MasterKey = masterKey;
            options.RegistersPath = registersPath;
        });
    });
    var host = builder.Build();
    await host.StartAsync();
    return host;
}

static async Task StopHostAsync(IHost host)
{
    await host.StopAsync();
    host.Dispose();
}

static async Task Checkpoint(string connectionString)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("CHECKPOINT", connection);
    await command.ExecuteNonQueryAsync();
}

// Diagnostics: pg_stat_statements counts from here to PrintStatStatementsAsync, i.e. the purge alone.
static async Task StatStatementsResetAsync(string connectionString)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()", connection);
    await command.ExecuteNonQueryAsync();
}

// The purge's top statements by server execution time, with their share of the total, calls and rows.
static async Task PrintStatStatementsAsync(string connectionString)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("""
        SELECT round(total_exec_time)::bigint, round(100 * total_exec_time / sum(total_exec_time) OVER ())::int, calls, rows,
               round(total_plan_time)::bigint, shared_blks_hit + shared_blks_read, wal_bytes::bigint,
               regexp_replace(left(query, 160), '\s+', ' ', 'g')
          FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12
        """, connection);
    await using var reader = await command.ExecuteReaderAsync();
    Console.WriteLine("  pg_stat_statements (purge only): exec ms | share | calls | rows | plan ms | blocks | WAL MiB | query");
    while (await reader.ReadAsync())
    {
        Console.WriteLine($"  {reader.GetInt64(0),8} | {reader.GetInt32(1),3}% | {reader.GetInt64(2),7} | {reader.GetInt64(3),8} | {reader.GetInt64(4),6} | {reader.GetInt64(5),9} | {reader.GetInt64(6) / 1048576.0,6:F1} | {reader.GetString(7)}");
    }
}

static async Task<string> TableSizesAsync(string connectionString)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand($"""
        SELECT string_agg(format('%s %s rows', c.relname, to_char(s.n_live_tup, 'FM999,999,999')), ', ' ORDER BY c.relname)
        FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid
        WHERE c.relnamespace = '{Schema}'::regnamespace
        """, connection);
    return "tables (estimated live rows): " + await command.ExecuteScalarAsync();
}

// Copies (CREATE TABLE AS, primary keys added, ANALYZE) of the rows a purge of the register is about: the
// register's member set entries, every subject's grain state row, and the subjects' data keys and identifier
// hashes (data_keys, identifier_claims: PostgreSQL schema version 10 on). Then times plain DELETEs of them, each statement its own autocommit transaction,
// then all again (fresh copies) in one transaction. fsync and synchronous_commit on, as for the purge.
static async Task<List<(string What, long Rows, TimeSpan Time, string Note)>> RawDeleteAsync(string connectionString, string registerId)
{
    var results = new List<(string, long, TimeSpan, string)>();
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    async Task<long> Exec(string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        return await command.ExecuteNonQueryAsync();
    }
    async Task CopyAsync()
    {
        await Exec("DROP SCHEMA IF EXISTS raw_compare CASCADE; CREATE SCHEMA raw_compare");
        await Exec($"""
            CREATE TABLE raw_compare.set_entries AS SELECT * FROM {Schema}.set_entries WHERE set_id = (SELECT id FROM {Schema}.names WHERE name = 'register-members/{registerId}');
            ALTER TABLE raw_compare.set_entries ADD PRIMARY KEY (set_id, member);
            CREATE TABLE raw_compare.grain_state AS SELECT * FROM {Schema}.grain_state WHERE grain_type = (SELECT id FROM {Schema}.names WHERE name = 'subject');
            ALTER TABLE raw_compare.grain_state ADD PRIMARY KEY (grain_type, grain_key);
            CREATE TABLE raw_compare.identifier_claims AS SELECT * FROM {Schema}.identifier_claims;
            ALTER TABLE raw_compare.identifier_claims ADD PRIMARY KEY (index_key);
            CREATE TABLE raw_compare.data_keys AS SELECT * FROM {Schema}.data_keys;
            ALTER TABLE raw_compare.data_keys ADD PRIMARY KEY (subject);
            ANALYZE raw_compare.set_entries; ANALYZE raw_compare.grain_state; ANALYZE raw_compare.identifier_claims; ANALYZE raw_compare.data_keys;
            CHECKPOINT;
            """);
    }

    string[] statements =
    [
        // The copies hold one set's and one index's rows (by their numbers in {Schema}.names), as the purge's statements address them.
        $"DELETE FROM raw_compare.set_entries WHERE set_id = (SELECT id FROM {Schema}.names WHERE name = 'register-members/{registerId}')",
        $"DELETE FROM raw_compare.grain_state WHERE grain_type = (SELECT id FROM {Schema}.names WHERE name = 'subject')",
        $"DELETE FROM raw_compare.data_keys ",
        $"DELETE FROM raw_compare.identifier_claims",
    ];
    string[] names = ["raw: DELETE member set entries", "raw: DELETE subject grain_state rows", "raw: DELETE data keys (data_keys)", "raw: DELETE identifier hashes (identifier_claims)"];

    var copying = Stopwatch.StartNew();
    await CopyAsync();
    Console.WriteLine($"  copied in {copying.Elapsed.TotalSeconds:F1} s (not timed below)");
    long total = 0;
    for (var i = 0; i < statements.Length; i++)
    {
        var watch = Stopwatch.StartNew();
        var rows = await Exec(statements[i]);
        watch.Stop();
        total += rows;
        results.Add((names[i], rows, watch.Elapsed, "autocommit"));
        Console.WriteLine($"  {names[i]}: {rows:N0} rows in {watch.Elapsed.TotalMilliseconds:F0} ms");
    }

    await CopyAsync();
    var all = Stopwatch.StartNew();
    await using (var transaction = await connection.BeginTransactionAsync())
    {
        long rows = 0;
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection, transaction) { CommandTimeout = 600 };
            rows += await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        all.Stop();
        results.Add(("raw: all four DELETEs, one transaction", rows, all.Elapsed, "one commit"));
        Console.WriteLine($"  all four in one transaction: {rows:N0} rows in {all.Elapsed.TotalMilliseconds:F0} ms");
    }
    await Exec("DROP SCHEMA raw_compare CASCADE; CHECKPOINT");
    return results;
}
