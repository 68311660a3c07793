using System.Diagnostics;
using Npgsql;
using PrivacyLedger.Benchmarks.Shared;

namespace PrivacyLedger.ImportBenchmark;

/// <summary>
/// PostgreSQL alone loading the rows the import wrote: each table's imported rows are dumped to a binary file on the
/// server, then loaded with server-side COPY into empty tables of the same definition (keys, defaults), all six in one
/// transaction, on the same cluster. No parsing, hashing, encryption, JSON or network: the floor under the import.
/// The rows are copied in their stored form (compact keys, names as numbers); the names dictionary the import adds a
/// handful of rows to is left out.
/// </summary>
internal static class RawCopyFloor
{
    // Every table an import writes: identifier claims in their own (PostgreSQL schema version 10), other indexes' in unique_index.
    private static readonly string[] Tables = ["grain_state", "stream_events", "set_entries", "unique_index", "identifier_claims", "data_keys"];

    /// <returns>The whole transaction's time, each table's COPY within it, and PostgreSQL's CPU seconds meanwhile.</returns>
    public static async Task<(TimeSpan Total, IReadOnlyList<(string Table, TimeSpan Time)> Tables, double PostgresCpu)> MeasureAsync(NpgsqlConnection connection, string serverFolder)
    {
        await ExecuteAsync(connection, "DROP SCHEMA IF EXISTS raw_copy CASCADE; CREATE SCHEMA raw_copy");
        foreach (var table in Tables)
        {
            // The server writes and reads its own files (we connect as superuser), in a folder it owns.
            await ExecuteAsync(connection, $"COPY ledger.{table} TO '{File(serverFolder, table)}' (FORMAT BINARY)");
            await ExecuteAsync(connection, $"CREATE TABLE raw_copy.{table} (LIKE ledger.{table} INCLUDING ALL)");
        }
        await ExecuteAsync(connection, "CHECKPOINT");

        var cpu = PostgresProcesses.CpuSeconds();
        var clock = Stopwatch.StartNew();
        var times = new List<(string, TimeSpan)>();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            foreach (var table in Tables)
            {
                var started = clock.Elapsed;
                await ExecuteAsync(connection, $"COPY raw_copy.{table} FROM '{File(serverFolder, table)}' (FORMAT BINARY)");
                times.Add((table, clock.Elapsed - started));
            }
            await transaction.CommitAsync();
        }
        clock.Stop();
        cpu = PostgresProcesses.CpuSeconds() - cpu;
        await ExecuteAsync(connection, "DROP SCHEMA raw_copy CASCADE");
        foreach (var table in Tables)
        {
            System.IO.File.Delete(File(serverFolder, table));
        }
        return (clock.Elapsed, times, cpu);
    }

    private static string File(string folder, string table) => Path.Combine(folder, $"raw_copy_{table}.bin");

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
