using Microsoft.Data.Sqlite;

namespace PrivacyLedger.Storage.Sqlite;

/// <summary>
/// One SQLite file in WAL mode. SQLite allows one writer at a time, so every write goes through
/// <see cref="WriteAsync{T}"/> on a single long-lived connection with synchronous=FULL (a commit is on disk
/// before it is acknowledged); reads open pooled connections and run beside the writer.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly string _connectionString;
    private SqliteConnection? _writer;

    public SqliteDatabase(SqliteStorageOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ServiceId);
        var fullPath = Path.GetFullPath(options.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        ServiceId = options.ServiceId;
        DatabasePath = fullPath;
    }

    public string ServiceId { get; }

    public string DatabasePath { get; }

    public async Task<SqliteConnection> OpenReadConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> inside one IMMEDIATE transaction on the writer connection and commits it.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var connection = await WriterAsync(cancellationToken);
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = work(connection, transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<SqliteConnection> WriterAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null)
        {
            return _writer;
        }
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";
            pragmas.ExecuteNonQuery();
        }
        return _writer = connection;
    }

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync();
        try
        {
            if (_writer is not null)
            {
                await _writer.DisposeAsync();
                _writer = null;
            }
            // Pooled readers keep the file open; let it go with the storage.
            using var pooled = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(pooled);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
