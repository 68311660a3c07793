using System.Text.RegularExpressions;
using Npgsql;

namespace PrivacyLedger.Storage.Postgres;

/// <summary>
/// The one <see cref="NpgsqlDataSource"/> of a PostgreSQL storage, bound to its schema (search path) and
/// service id. Statements are auto-prepared: the same few run millions of times.
/// </summary>
public sealed partial class PostgresDatabase : IAsyncDisposable
{
    public PostgresDatabase(PostgresStorageOptions options)
    {
        if (!SchemaName().IsMatch(options.Schema))
        {
            throw new ArgumentException($"Schema name '{options.Schema}' must be a lower-case identifier.", nameof(options));
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ServiceId);
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        builder.ConnectionStringBuilder.SearchPath = options.Schema;
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        }
        DataSource = builder.Build();
        Schema = options.Schema;
        ServiceId = options.ServiceId;
    }

    public NpgsqlDataSource DataSource { get; }

    public string Schema { get; }

    public string ServiceId { get; }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
