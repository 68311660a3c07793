using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PrivacyLedger.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster from the installed binaries: initdb into a temporary folder, started on a
/// free loopback port, stopped and deleted on dispose. Run as root, initdb and postgres run as user
/// <c>postgres</c>, as PostgreSQL requires.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _root;
    private readonly string _binDirectory;

    private PostgresCluster(string root, string binDirectory, int port)
    {
        _root = root;
        _binDirectory = binDirectory;
        Port = port;
    }

    public int Port { get; }

    public string DataDirectory => Path.Combine(_root, "data");

    /// <summary>The superuser connection string for database <c>postgres</c>.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = "postgres",
        MaxPoolSize = 64,
        IncludeErrorDetail = true,
    }.ToString();

    /// <param name="durable">
    /// False (tests) turns fsync off: a throwaway cluster need not survive a power cut and tests run faster.
    /// True (benchmarks) keeps PostgreSQL's defaults, so commit costs are real.
    /// </param>
    /// <param name="settings">Further server settings as <c>name=value</c>, e.g. a benchmark's bulk-load tuning.</param>
    public static async Task<PostgresCluster> StartAsync(bool durable = false, IReadOnlyList<string>? settings = null, CancellationToken cancellationToken = default)
    {
        var binDirectory = FindBinDirectory();
        var root = Path.Combine(Path.GetTempPath(), $"privacyledger-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        try
        {
            if (Environment.IsPrivilegedProcess)
            {
                await RunAsync("chown", ["postgres:postgres", root], asPostgres: false, cancellationToken);
            }
            await RunAsync(Path.Combine(binDirectory, "initdb"),
                ["-D", Path.Combine(root, "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
                asPostgres: true, cancellationToken);

            // The port is free when asked for, but another process may take it before postgres binds: retry.
            for (var attempt = 1; ; attempt++)
            {
                var cluster = new PostgresCluster(root, binDirectory, FreeLoopbackPort());
                try
                {
                    await cluster.StartServerAsync(durable, settings ?? [], cancellationToken);
                    return cluster;
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                }
            }
        }
        catch
        {
            TryDelete(root);
            throw;
        }
    }

    /// <summary>Creates a database, for a test class that wants one of its own.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ToString();
    }

    private async Task StartServerAsync(bool durable, IReadOnlyList<string> extraSettings, CancellationToken cancellationToken)
    {
        var settings = $"-c listen_addresses=127.0.0.1 -p {Port} -k {_root} -c max_connections=300 -c shared_buffers=256MB";
        if (!durable)
        {
            settings += " -c fsync=off -c full_page_writes=off";
        }
        // Later -c options win, so these override the defaults above.
        settings += string.Concat(extraSettings.Select(setting => $" -c {setting}"));
        await RunAsync(Path.Combine(_binDirectory, "pg_ctl"),
            ["-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "-o", settings, "start"],
            asPostgres: true, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], asPostgres: true, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Already stopped; the folder goes anyway.
        }
        TryDelete(_root);
    }

    private static string FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("PG_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }
        const string installRoot = "/usr/lib/postgresql";
        var candidates = Directory.Exists(installRoot)
            ? Directory.GetDirectories(installRoot)
                .Select(directory => Path.Combine(directory, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .ToList()
            : [];
        return candidates.FirstOrDefault()
            ?? throw new InvalidOperationException($"No PostgreSQL server binaries under {installRoot} (install postgresql-15) and PG_BIN is not set.");
    }

    /// <summary>A client tool of this installation (pg_dump, psql) against this cluster's <c>postgres</c> database as its superuser.</summary>
    public Task RunClientToolAsync(string tool, params string[] arguments) =>
        RunAsync(Path.Combine(_binDirectory, tool),
            ["--host", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", "postgres", "--dbname", "postgres", .. arguments],
            asPostgres: false, CancellationToken.None);

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres && Environment.IsPrivilegedProcess)
        {
            start.FileName = "runuser";
            foreach (var argument in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = program;
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
