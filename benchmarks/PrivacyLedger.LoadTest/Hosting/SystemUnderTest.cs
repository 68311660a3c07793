using System.Globalization;
using System.Security.Cryptography;
using Npgsql;
using PrivacyLedger.LoadTest.PgBench;
using PrivacyLedger.Testing;

namespace PrivacyLedger.LoadTest.Hosting;

/// <summary>
/// The gateway under load and its PostgreSQL: started by the run (a throwaway cluster with fsync on and the gateway
/// as a child process, both stopped at the end), or a running gateway named by URL, optionally with its process id
/// and its database.
/// </summary>
internal sealed class SystemUnderTest : IAsyncDisposable
{
    private const string Database = "ledger";
    private readonly PostgresCluster? _cluster;
    private readonly RepositoryPaths _paths;
    private readonly GatewaySettings? _settings;
    private GatewayProcess? _gateway;

    private SystemUnderTest(RepositoryPaths paths, Uri baseAddress, Uri? grpcAddress, string apiKey, int? gatewayPid, PgTarget? postgres,
        PostgresCluster? cluster = null, GatewaySettings? settings = null, GatewayProcess? gateway = null)
    {
        _paths = paths;
        BaseAddress = baseAddress;
        GrpcAddress = grpcAddress;
        ApiKey = apiKey;
        GatewayPid = gatewayPid;
        Postgres = postgres;
        _cluster = cluster;
        _settings = settings;
        _gateway = gateway;
    }

    public Uri BaseAddress { get; private set; }

    /// <summary>The gateway's gRPC listener; null for a running gateway named without one (no gRPC scenarios then).</summary>
    public Uri? GrpcAddress { get; private set; }

    public string ApiKey { get; }

    public int? GatewayPid { get; private set; }

    public PgTarget? Postgres { get; }

    /// <summary>The cluster's postmaster, when the run started the cluster (for PostgreSQL's CPU).</summary>
    public int? PostmasterPid => _cluster is null ? null
        : int.Parse(File.ReadLines(Path.Combine(_cluster.DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    public bool OwnsGateway => _gateway is not null;

    public string Describe() => _cluster is null
        ? $"gateway at {BaseAddress} (not started by this run)"
        : $"PostgreSQL {PostgresVersion()} on 127.0.0.1:{_cluster.Port} (fsync on, shared_buffers 256MB, data in {_cluster.DataDirectory}); gateway pid {GatewayPid} on {BaseAddress}, gRPC on {GrpcAddress} (Production, server GC)";

    public static async Task<SystemUnderTest> StartAsync(RepositoryPaths paths, string workDirectory, bool perfMap, string? npgsqlSettings, CancellationToken cancellationToken)
    {
        var cluster = await PostgresCluster.StartAsync(durable: true, cancellationToken: cancellationToken);
        try
        {
            var connectionString = await cluster.CreateDatabaseAsync(Database, cancellationToken);
            // The gateway's own pool (Npgsql's default size), as deployed; the cluster's string caps it at 64 for tests.
            var gatewayConnection = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 100 }.ToString();
            if (!string.IsNullOrEmpty(npgsqlSettings))
            {
                gatewayConnection = new NpgsqlConnectionStringBuilder($"{gatewayConnection};{npgsqlSettings}").ToString();
            }
            var settings = new GatewaySettings(gatewayConnection, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), paths.Registers, Path.Combine(workDirectory, "gateway.log"), perfMap);
            var gateway = await GatewayProcess.StartAsync(paths, settings, cancellationToken);
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            var target = new PgTarget(FindBinDirectory(), builder.Host!, builder.Port, builder.Username!, Database, null, "ledger");
            return new SystemUnderTest(paths, gateway.BaseAddress, gateway.GrpcAddress, settings.AdminKey, gateway.Pid, target, cluster, settings, gateway);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public static SystemUnderTest Existing(RepositoryPaths paths, Uri gateway, Uri? grpc, string apiKey, int? gatewayPid, string? postgres)
    {
        Loopback.Ensure(gateway.Host, "The gateway");
        if (grpc is not null)
        {
            Loopback.Ensure(grpc.Host, "The gateway's gRPC listener");
        }
        PgTarget? target = null;
        if (postgres is not null)
        {
            var builder = new NpgsqlConnectionStringBuilder(postgres);
            Loopback.Ensure(builder.Host ?? "", "PostgreSQL");
            target = new PgTarget(FindBinDirectory(), builder.Host!, builder.Port, builder.Username ?? "postgres", builder.Database ?? "postgres", builder.Password,
                builder.SearchPath ?? "ledger");
        }
        return new SystemUnderTest(paths, gateway, grpc, apiKey, gatewayPid, target);
    }

    /// <summary>A fresh gateway process on the same database, so memory is measured from a clean start.</summary>
    public async Task RestartGatewayAsync(CancellationToken cancellationToken)
    {
        if (_gateway is null || _settings is null)
        {
            return;
        }
        await _gateway.DisposeAsync();
        _gateway = null;
        _gateway = await GatewayProcess.StartAsync(_paths, _settings, cancellationToken);
        BaseAddress = _gateway.BaseAddress;
        GrpcAddress = _gateway.GrpcAddress;
        GatewayPid = _gateway.Pid;
    }

    /// <summary>
    /// ANALYZE of the gateway's tables. On a fresh database the planner has no statistics for unique_index (identifier_claims since schema version 10) and reads
    /// every row of an index name per identifier lookup until autovacuum first analyses it (see the purge benchmark's
    /// notes); a database that has been in use has them.
    /// </summary>
    public async Task AnalyzeAsync(CancellationToken cancellationToken)
    {
        if (Postgres is null)
        {
            return;
        }
        await using var connection = new NpgsqlConnection(Postgres.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"ANALYZE \"{Postgres.Schema}\".grain_state, \"{Postgres.Schema}\".stream_events, \"{Postgres.Schema}\".set_entries, \"{Postgres.Schema}\".unique_index, \"{Postgres.Schema}\".identifier_claims, \"{Postgres.Schema}\".data_keys", connection)
        {
            CommandTimeout = 600,
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private string PostgresVersion()
    {
        using var connection = new NpgsqlConnection(Postgres!.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SHOW server_version", connection);
        return (string)command.ExecuteScalar()!;
    }

    private static string FindBinDirectory() =>
        Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } configured ? configured
        : Directory.GetDirectories("/usr/lib/postgresql").Select(folder => Path.Combine(folder, "bin")).Where(bin => File.Exists(Path.Combine(bin, "pgbench")))
            .OrderByDescending(bin => bin, StringComparer.Ordinal).FirstOrDefault()
        ?? throw new InvalidOperationException("No pgbench under /usr/lib/postgresql/*/bin and PG_BIN is not set.");

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
