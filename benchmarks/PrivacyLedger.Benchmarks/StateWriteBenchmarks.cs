using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Npgsql;
using Orleans;
using Orleans.Hosting;
using PrivacyLedger.Storage;
using PrivacyLedger.Storage.Orleans;
using PrivacyLedger.Storage.Postgres;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Benchmarks;

/// <summary>How a benchmark grain's state reaches PostgreSQL.</summary>
public enum WritePath
{
    /// <summary>Our batched store through <c>IPersistentState</c> ("ledger"), one write per statement and commit.</summary>
    PersistentState1,
    /// <summary>The same with group commit: writes that arrive together share a statement and a commit.</summary>
    PersistentState1000,
    /// <summary>Our batched store through the <c>[DurableState]</c> facet, one write per statement and commit.</summary>
    DurableState1,
    /// <summary>The same with group commit.</summary>
    DurableState1000,
    /// <summary>Orleans' ADO.NET grain storage through <c>IPersistentState</c> ("adonet"), System.Text.Json payloads.</summary>
    AdoNetStock,
}

// Durable writes/s on PostgreSQL (fsync on): our batched store without and with group commit, through both of its
// Orleans faces, beside Orleans' stock ADO.NET grain storage, all on one PostgreSQL cluster and database in one run.
public class StateWriteBenchmarks
{
    private const int Grains = 1_000;

    // One cluster for every case of the run, so the stores are compared on the same server, disk and settings.
    // Program.cs stops it once BenchmarkDotNet is done.
    private static PostgresCluster? s_cluster;
    private static string? s_connectionString;

    private BenchmarkSilo? _silo;
    private WriteBatchCounter? _batches;
    private ICounterGrain[] _grains = [];

    [Params(WritePath.PersistentState1, WritePath.PersistentState1000, WritePath.DurableState1,
        WritePath.DurableState1000, WritePath.AdoNetStock)]
    public WritePath Path { get; set; }

    // BenchmarkDotNet 0.14's in-process toolchain does not await an async [GlobalSetup] or [GlobalCleanup]
    // (dotnet/BenchmarkDotNet#1738), so these block on the async work themselves.
    [GlobalSetup]
    public void Setup()
    {
        try
        {
            SetupAsync().GetAwaiter().GetResult();
        }
        catch
        {
            // A failed setup gets no cleanup call: stop the silo here; the cluster is stopped at exit.
            Cleanup();
            throw;
        }
    }

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    /// <summary>Stops the run's PostgreSQL cluster, if a case started one.</summary>
    public static async Task StopClusterAsync()
    {
        if (s_cluster is not null)
        {
            await s_cluster.DisposeAsync();
            s_cluster = null;
        }
    }

    private async Task SetupAsync()
    {
        if (s_cluster is null)
        {
            s_cluster = await PostgresCluster.StartAsync(durable: true);
            s_connectionString = await s_cluster.CreateDatabaseAsync("bench_writes");
        }
        var connectionString = s_connectionString!;
        var schema = $"bench_{Path.ToString().ToLowerInvariant()}";

        if (Path == WritePath.AdoNetStock)
        {
            var adoNet = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ToString();
            await CreateAdoNetSchemaAsync(connectionString, schema);
            _silo = await BenchmarkSilo.StartAsync(silo => silo
                .UseSystemTextJsonGrainStorageSerializer()
                .AddAdoNetGrainStorage(BenchmarkSilo.AdoNetStorageName, options =>
                {
                    options.Invariant = "Npgsql";
                    options.ConnectionString = adoNet;
                }));
        }
        else
        {
            var batchSize = Path is WritePath.PersistentState1 or WritePath.DurableState1 ? 1 : 1_000;
            _silo = await BenchmarkSilo.StartAsync(
                silo => silo.AddBatchedGrainStorage(options => options.MaxWriteBatchSize = batchSize),
                services => services.AddPostgresStorage(options =>
                {
                    options.ConnectionString = connectionString;
                    options.Schema = schema;
                    options.ServiceId = schema;
                }));
        }

        // Activate every grain and write its first row before measuring, so the benchmark measures updates of
        // existing rows by active grains, not activation reads or inserts; then a checkpoint, so that no case
        // pays for the WAL of the one before.
        _grains = [.. Enumerable.Range(0, Grains).Select(i => CounterGrain($"counter-{i:D4}"))];
        await IncrementAllAsync();
        await CheckpointAsync(connectionString);
        _batches = new WriteBatchCounter();
    }

    private ICounterGrain CounterGrain(string key) => Path switch
    {
        WritePath.PersistentState1 or WritePath.PersistentState1000 => _silo!.Grains.GetGrain<ILedgerCounterGrain>(key),
        WritePath.DurableState1 or WritePath.DurableState1000 => _silo!.Grains.GetGrain<IDurableCounterGrain>(key),
        _ => _silo!.Grains.GetGrain<IAdoNetCounterGrain>(key),
    };

    private async Task CleanupAsync()
    {
        if (_batches is not null)
        {
            Console.WriteLine($"// StateWriteBenchmarks, {Path}: {_batches.Describe(Path == WritePath.AdoNetStock)}");
            _batches.Dispose();
        }
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
        // Idle pooled connections of this case would otherwise stay open on the server through the next ones.
        NpgsqlConnection.ClearAllPools();
    }

    [Benchmark(OperationsPerInvoke = Grains, Description = "1,000 grains: State.Value++; WriteStateAsync(), concurrently")]
    public Task ConcurrentWrites() => IncrementAllAsync();

    private Task IncrementAllAsync()
    {
        var writes = new Task[_grains.Length];
        for (var i = 0; i < _grains.Length; i++)
        {
            writes[i] = _grains[i].IncrementAsync();
        }
        return Task.WhenAll(writes);
    }

    private static async Task CreateAdoNetSchemaAsync(string connectionString, string schema)
    {
        await using var stream = typeof(StateWriteBenchmarks).Assembly.GetManifestResourceStream("PrivacyLedger.Benchmarks.AdoNetGrainStorage.sql")
            ?? throw new InvalidOperationException("The ADO.NET grain storage script is not embedded.");
        using var reader = new StreamReader(stream);
        var script = await reader.ReadToEndAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}; SET search_path TO {schema};\n{script}", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task CheckpointAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CHECKPOINT", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Counts the batched store's write round trips ("privacyledger.state.write_batch_size") during a case.</summary>
    private sealed class WriteBatchCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _batches;
        private long _writes;
        private int _largest;

        public WriteBatchCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == StorageMetrics.MeterName && instrument.Name == "privacyledger.state.write_batch_size")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<int>((_, size, _, _) =>
            {
                Interlocked.Increment(ref _batches);
                Interlocked.Add(ref _writes, size);
                int largest;
                while (size > (largest = Volatile.Read(ref _largest)) && Interlocked.CompareExchange(ref _largest, size, largest) != largest)
                {
                }
            });
            _listener.Start();
        }

        public string Describe(bool stock) => stock
            ? "Orleans' ADO.NET grain storage: one statement and one commit per write"
            : _batches == 0
                ? "no state writes reached storage"
                : $"{_writes:N0} writes in {_batches:N0} round trips: {(double)_writes / _batches:N1} writes per round trip on average, {_largest:N0} at most";

        public void Dispose() => _listener.Dispose();
    }
}
