using System.Diagnostics;
using System.Diagnostics.Metrics;
using Npgsql;
using PrivacyLedger.Ledger.Requests;

using PrivacyLedger.Benchmarks.Shared;

namespace PrivacyLedger.PurgeBenchmark;

/// <summary>No webhook: notifications are kept as not-configured, as in a gateway without one.</summary>
internal sealed class NoNotifications : INotificationSender
{
    public bool IsConfigured => false;

    public Task<bool> SendAsync(NotificationMessage message, CancellationToken cancellationToken = default) => Task.FromResult(false);
}

/// <summary>
/// What one phase cost: state-write and state-read round trips (storage meter), PostgreSQL commits and row
/// changes in the database (pg_stat_database deltas), CPU seconds of this process and of the postgres processes.
/// </summary>
internal sealed class PhaseStats(string connectionString, StorageMeterProbe probe)
{
    private (long Commits, long Inserted, long Updated, long Deleted, long Returned, long Fetched) _database;
    private TimeSpan _cpu;
    private (long Allocated, int Gen0, int Gen1, int Gen2, TimeSpan Paused) _gc;
    private double _postgresCpu;
    private readonly Stopwatch _watch = new();

    public void Begin()
    {
        _database = ReadDatabase();
        _cpu = Process.GetCurrentProcess().TotalProcessorTime;
        _gc = Gc();
        _postgresCpu = PostgresProcesses.CpuSeconds();
        probe.Take();
        _watch.Restart();
    }

    public async Task<string> EndAsync()
    {
        var wall = _watch.Elapsed.TotalSeconds;
        var (writes, reads) = probe.Take();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - _cpu).TotalSeconds;
        var gc = Gc();
        var postgresCpu = PostgresProcesses.CpuSeconds() - _postgresCpu;
        // Backends report their statistics at most once a second when idle.
        await Task.Delay(1_500);
        var now = ReadDatabase();
        return $"state writes {writes.Items:N0} in {writes.Batches:N0} round trips ({writes.PerBatch:N1} per trip, {writes.Largest:N0} at most); "
            + $"state reads {reads.Items:N0} in {reads.Batches:N0} round trips ({reads.PerBatch:N1} per trip, {reads.Largest:N0} at most); "
            + $"PostgreSQL (whole database, includes the benchmark's own checks): {now.Commits - _database.Commits:N0} commits, "
            + $"{now.Inserted - _database.Inserted:N0} rows inserted, {now.Updated - _database.Updated:N0} updated, {now.Deleted - _database.Deleted:N0} deleted, "
            + $"{now.Fetched - _database.Fetched:N0} fetched; CPU: this process {cpu:F1} s, postgres {postgresCpu:F1} s, over {wall:F1} s wall on {Environment.ProcessorCount} cores; "
            + $"GC: {(gc.Allocated - _gc.Allocated) / 1e9:F2} GB allocated, collections gen0/1/2 {gc.Gen0 - _gc.Gen0}/{gc.Gen1 - _gc.Gen1}/{gc.Gen2 - _gc.Gen2}, "
            + $"paused {(gc.Paused - _gc.Paused).TotalSeconds:F1} s, heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1e6:N0} MB";
    }

    private static (long Allocated, int Gen0, int Gen1, int Gen2, TimeSpan Paused) Gc() =>
        (GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    private (long Commits, long Inserted, long Updated, long Deleted, long Returned, long Fetched) ReadDatabase()
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT pg_stat_clear_snapshot(); SELECT xact_commit, tup_inserted, tup_updated, tup_deleted, tup_returned, tup_fetched FROM pg_stat_database WHERE datname = current_database()", connection);
        using var reader = command.ExecuteReader();
        reader.NextResult();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
    }
}
