using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using PrivacyLedger.Benchmarks.Shared;
using PrivacyLedger.Testing;

// One long run, not BenchmarkDotNet: N people across three registers, written as JSON Lines beforehand, imported
// through the gateway's bulk path (POST /v1/imports, in-process server, PostgreSQL with fsync on), then counted
// in the database. See benchmarks/README.md, "Bulk import".

namespace PrivacyLedger.ImportBenchmark;

internal static class ImportBenchmark
{
    public static async Task<int> Main(string[] args)
    {
        var people = 1_000_000;
        var verbose = false;
        var serverSettings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--n": people = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--verbose": verbose = true; break;
                case "--pg": serverSettings.Add(args[++i]); break;
                default: Console.Error.WriteLine($"unknown argument {args[i]}; usage: [--n 1000000] [--verbose (log each batch's phases)] [--pg name=value (a PostgreSQL setting; repeatable)]"); return 2;
            }
        }

        Console.WriteLine($"# bulk import benchmark, N = {people:N0} people, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC");
        Console.WriteLine($"# {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");

        var file = Path.Combine(Path.GetTempPath(), $"privacy-ledger-import-{people}.jsonl");
        var lines = PeopleFile.Write(file, people);
        Console.WriteLine($"# {lines:N0} lines, {new FileInfo(file).Length / 1048576.0:N0} MiB in {file}");

        await using var cluster = await PostgresCluster.StartAsync(durable: true, serverSettings);
        Console.WriteLine($"# PostgreSQL on 127.0.0.1:{cluster.Port}, fsync on{string.Concat(serverSettings.Select(setting => ", " + setting))}");
        const string Key = "benchmark-admin-key";
        await using var gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseContentRoot(FindGatewayFolder());
            builder.UseSetting("ConnectionStrings:Ledger", cluster.ConnectionString);
            builder.UseSetting("Ledger:MasterKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            builder.UseSetting("Auth:ApiKeys:0:Name", "benchmark");
            builder.UseSetting("Auth:ApiKeys:0:Role", "admin");
            builder.UseSetting("Auth:ApiKeys:0:Key", Key);
            // Production needs a receipt-signing key; the benchmark's own, thrown away with it.
            using var signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            builder.UseSetting("Ledger:SigningKeys:0:Kid", "import-benchmark");
            builder.UseSetting("Ledger:SigningKeys:0:PrivateKey", Convert.ToBase64String(signing.ExportPkcs8PrivateKey()));
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:PrivacyLedger.Ledger.Imports", verbose ? "Information" : "Warning");
        });
        using var client = gateway.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(30);
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        (await client.GetAsync("/readyz")).EnsureSuccessStatusCode();

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var postgresCpu = PostgresProcesses.CpuSeconds();
        var (allocated, pauses, collections) = (GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(), new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) });
        var clock = Stopwatch.StartNew();
        await using (var body = File.OpenRead(file))
        {
            var content = new StreamContent(body, 1 << 20);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            var response = await client.PostAsync("/v1/imports", content);
            var outcome = await response.Content.ReadFromJsonAsync<JsonObject>();
            clock.Stop();
            Console.WriteLine($"import: HTTP {(int)response.StatusCode}, {outcome?["rows"]} rows, {outcome?["created"]} created, {outcome?["existing"]} existing, {outcome?["failed"]} failed");
        }
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"import: {seconds:F1} s, {people / seconds:N0} people/s, {lines / seconds:N0} lines/s; gateway process CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s, PostgreSQL CPU {PostgresProcesses.CpuSeconds() - postgresCpu:F1} s");
        Console.WriteLine($"gc: {(GC.GetTotalAllocatedBytes() - allocated) / 1e9:F1} GB allocated ({(GC.GetTotalAllocatedBytes() - allocated) / (double)people:N0} B per person), "
            + $"collections gen0 {GC.CollectionCount(0) - collections[0]}, gen1 {GC.CollectionCount(1) - collections[1]}, gen2 {GC.CollectionCount(2) - collections[2]}, "
            + $"paused {(GC.GetTotalPauseDuration() - pauses).TotalSeconds:F1} s, server GC {System.Runtime.GCSettings.IsServerGC}");

        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        foreach (var (what, sql) in new[]
        {
            ("subjects", "SELECT count(*) FROM ledger.grain_state WHERE grain_type = (SELECT id FROM ledger.names WHERE name = 'subject')"),
            ("ledger events", "SELECT count(*) FROM ledger.stream_events"),
            ("register members", "SELECT count(*) FROM ledger.set_entries JOIN ledger.names ON names.id = set_id WHERE name LIKE 'register-members/%'"),
            // In a table of their own since PostgreSQL schema version 10; unique_index holds the other indexes (none after an import).
            ("identifier claims", "SELECT count(*) FROM ledger.identifier_claims"),
            ("data keys", "SELECT count(*) FROM ledger.data_keys"),
            ("database size", "SELECT pg_size_pretty(pg_database_size(current_database()))"),
            ("table sizes", "SELECT string_agg(relname || ' ' || pg_size_pretty(pg_total_relation_size(relid)), ', ' ORDER BY relname) FROM pg_stat_user_tables"),
            ("bytes per person at rest (every table of the schema with its indexes and TOAST, pg_total_relation_size)",
                "SELECT (sum(pg_total_relation_size(relid)) / (SELECT count(*) FROM ledger.grain_state WHERE grain_type = (SELECT id FROM ledger.names WHERE name = 'subject')))::bigint FROM pg_stat_user_tables WHERE schemaname = 'ledger'"),
            ("bytes per person per table (with its indexes and TOAST)", $"SELECT string_agg(relname || ' ' || (pg_total_relation_size(relid) / {people}), ', ' ORDER BY pg_total_relation_size(relid) DESC) FROM pg_stat_user_tables WHERE schemaname = 'ledger' AND pg_total_relation_size(relid) / {people} > 0"),
            ("average row size in the heap, pg_column_size (state, event, member, identifier claim, data key)",
                "SELECT (SELECT avg(pg_column_size(t.*))::numeric(8,1) FROM ledger.grain_state AS t) || ' B, ' || (SELECT avg(pg_column_size(t.*))::numeric(8,1) FROM ledger.stream_events AS t) || ' B, '"
                + " || (SELECT avg(pg_column_size(t.*))::numeric(8,1) FROM ledger.set_entries AS t) || ' B, ' || (SELECT avg(pg_column_size(t.*))::numeric(8,1) FROM ledger.identifier_claims AS t) || ' B, '"
                + " || (SELECT avg(pg_column_size(t.*))::numeric(8,1) FROM ledger.data_keys AS t) || ' B'"),
            ("average state and event size", "SELECT (SELECT avg(length(payload))::int FROM ledger.grain_state WHERE grain_type = (SELECT id FROM ledger.names WHERE name = 'subject')) || ' B, ' || (SELECT avg(length(payload))::int FROM ledger.stream_events) || ' B'"),
        })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            Console.WriteLine($"check: {what} = {await command.ExecuteScalarAsync()}");
        }
        var (floor, tables, floorCpu) = await RawCopyFloor.MeasureAsync(connection, cluster.DataDirectory);
        Console.WriteLine($"raw: PostgreSQL alone, server-side COPY of the same rows into empty tables of the same definition, one transaction: {floor.TotalSeconds:F1} s, PostgreSQL CPU {floorCpu:F1} s"
            + $" ({string.Join(", ", tables.Select(t => $"{t.Table} {t.Time.TotalSeconds:F1} s"))}); the import took {seconds / floor.TotalSeconds:F1} times as long");
        File.Delete(file);
        return 0;
    }

    /// <summary>The gateway project's folder (its content root: settings, sample registers path), found above the binaries.</summary>
    private static string FindGatewayFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "src", "PrivacyLedger.Gateway");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("src/PrivacyLedger.Gateway not found above " + AppContext.BaseDirectory);
    }
}
