using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using PrivacyLedger.LoadTest.Hosting;
using PrivacyLedger.LoadTest.Measurement;

namespace PrivacyLedger.LoadTest.PgBench;

/// <summary>Where pgbench finds the PostgreSQL under test, and the gateway's schema and service id there.</summary>
internal sealed record PgTarget(string BinDirectory, string Host, int Port, string User, string Database, string? Password, string Schema)
{
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = Host, Port = Port, Username = User, Database = Database, Password = Password,
    }.ToString();
}

/// <summary>The copied tables pgbench works on: how many subjects, and the average sizes of a state row's and an event's payload.</summary>
internal sealed record PgBenchTables(int Subjects, int StateBytes, int EventBytes, TimeSpan CopyTime);

/// <summary>One pgbench run: transactions per second, rows changed per second (counted in the table, not assumed), mean latency.</summary>
internal sealed record PgBenchResult(string Script, int Clients, int Threads, double TransactionsPerSecond, double? RowsPerSecond, double LatencyMeanMs, double? LatencyStddevMs, CpuSplit Cpu, string CommandLine);

/// <summary>
/// Runs the scripts in benchmarks/pgbench against the same PostgreSQL the gateway uses: setup.sql copies the
/// gateway's subject rows into tables of the same shape (schema pgbench), then each script runs for a fixed time.
/// </summary>
internal sealed partial class PgBenchRunner(PgTarget target, string scriptsFolder, TextWriter log)
{
    public async Task<PgBenchTables> PrepareAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (output, _) = await RunToolAsync("psql",
            ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-v", $"source={target.Schema}", "-f", Path.Combine(scriptsFolder, "setup.sql"), .. Connection()],
            cancellationToken);
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1].Split('|');
        return new PgBenchTables(int.Parse(last[0], CultureInfo.InvariantCulture), int.Parse(last[1], CultureInfo.InvariantCulture),
            int.Parse(last[2], CultureInfo.InvariantCulture), clock.Elapsed);
    }

    /// <param name="rowsPerTransaction">For the change scripts: the rows each transaction changes, checked against the events it inserted.</param>
    public async Task<PgBenchResult> RunAsync(string script, int clients, int threads, TimeSpan duration, PgBenchTables tables, CpuMeter cpu, bool countsEvents, CancellationToken cancellationToken)
    {
        var eventsBefore = countsEvents ? await CountNewEventsAsync(cancellationToken) : 0;
        string[] arguments =
        [
            "-n", "-M", "prepared", "-c", $"{clients}", "-j", $"{threads}", "-T", $"{(int)duration.TotalSeconds}", "-P", $"{Math.Max(1, (int)duration.TotalSeconds / 2)}",
            "-D", $"n={tables.Subjects}", "-D", $"clients={clients}", "-D", $"event_bytes={tables.EventBytes}",
            "-f", Path.Combine(scriptsFolder, script), .. Connection(),
        ];
        var start = cpu.Sample();
        var (output, progress) = await RunToolAsync("pgbench", arguments, cancellationToken, searchPath: "pgbench");
        var end = cpu.Sample();
        log.Write(string.Concat(progress.Split('\n').Where(line => line.StartsWith("progress:", StringComparison.Ordinal)).Select(line => $"    {line}\n")));
        // pgbench's backends exit just after it does, and their CPU is counted (in the postmaster's reaped children)
        // only then: PostgreSQL's figure is read a moment later, the rest of the machine's at pgbench's end.
        await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken);
        var split = CpuSplit.Between(start, end with { Postgres = cpu.Sample().Postgres });
        var tps = double.Parse(TpsLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var mean = double.Parse(LatencyLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var stddev = StddevLine().Match(output) is { Success: true } match ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : (double?)null;
        double? rows = countsEvents ? (await CountNewEventsAsync(cancellationToken) - eventsBefore) / duration.TotalSeconds : null;
        return new PgBenchResult(script, clients, threads, tps, rows, mean, stddev, split, "pgbench " + string.Join(' ', arguments));
    }

    public async Task DropAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("DROP SCHEMA IF EXISTS pgbench CASCADE; CHECKPOINT", connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Events the scripts inserted so far (their sequence numbers start above 1,000,000).</summary>
    private async Task<long> CountNewEventsAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pgbench.stream_events WHERE seq > 1000000", connection) { CommandTimeout = 600 };
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private string[] Connection() => ["-h", target.Host, "-p", $"{target.Port}", "-U", target.User, target.Database];

    /// <summary>Runs a PostgreSQL client tool; its standard output (results) and standard error (notices, pgbench's progress).</summary>
    private async Task<(string Output, string Errors)> RunToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken, string? searchPath = null)
    {
        var environment = new Dictionary<string, string>();
        if (target.Password is not null)
        {
            environment["PGPASSWORD"] = target.Password;
        }
        if (searchPath is not null)
        {
            environment["PGOPTIONS"] = $"-c search_path={searchPath}";
        }
        var result = await Tool.RunCheckedAsync(Path.Combine(target.BinDirectory, tool), arguments, cancellationToken, environment);
        return (result.Output, result.Errors);
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex LatencyLine();

    [GeneratedRegex(@"latency stddev = ([0-9.]+) ms")]
    private static partial Regex StddevLine();
}
