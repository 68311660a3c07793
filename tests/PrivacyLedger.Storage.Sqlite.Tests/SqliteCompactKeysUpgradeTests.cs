using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Storage.Sqlite.Tests;

/// <summary>Schema version 5 (compact row keys): the upgrade from version 4, and how rows are stored after it.</summary>
public sealed class SqliteCompactKeysUpgradeTests : StorageTestBase
{
    private const string Hash = CompactKeysUpgrade.Hash;
    private const string Subject = CompactKeysUpgrade.Subject;

    protected override void AddStorage(IServiceCollection services) => services.AddSqliteStorage(options => options.DatabasePath = SqliteFile.Path);

    [Fact]
    public async Task A_database_of_schema_version_4_reads_every_row_back_after_the_upgrade_with_identifier_keys_cut_to_16_bytes()
    {
        await using (var connection = new SqliteConnection($"Data Source={SqliteFile.Path}"))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(SqliteFile.Path)!);
            await connection.OpenAsync();
            await CreateAtVersionAsync(connection, 4);
            // Version 4's rows: keys and owners tagged (1 hex, 2 text), names and grain keys and stream ids as text.
            await ExecuteAsync(connection, $"""
                INSERT INTO service (singleton, service_id) VALUES (1, 'privacy-ledger');
                INSERT INTO unique_index (index_name, index_key, owner) VALUES
                    ('identifiers', x'01{Hash}', x'01{Subject}'),
                    ('suppressions', x'01{Hash}', CAST(x'02' || CAST('campaign:{Subject}' AS BLOB) AS BLOB)),
                    ('campaign-emails', x'01{Hash}', x'01{Subject}'),
                    ('suppressions', CAST(x'02' || CAST('Not-Hex' AS BLOB) AS BLOB), CAST(x'02' || CAST('request/{Subject}' AS BLOB) AS BLOB));
                INSERT INTO data_keys (subject, wrapped) VALUES
                    (x'01{Subject}', CAST(x'02' || CAST('v2:d3JhcHBlZA==' AS BLOB) AS BLOB)),
                    (CAST(x'02' || CAST('text-subject' AS BLOB) AS BLOB), CAST(x'02' || CAST('d3JhcHBlZA==' AS BLOB) AS BLOB));
                INSERT INTO grain_state (grain_type, grain_key, version, payload, modified_at) VALUES
                    ('subject', '{Subject}', 3, x'7b7d', 0), ('register', 'customers', 1, NULL, 0);
                INSERT INTO stream_events (stream_id, seq, payload, appended_at) VALUES
                    ('ledger/{Subject}', 1, x'01', 0), ('ledger/{Subject}', 2, x'02', 0), ('campaign/x', 1, x'03', 0);
                INSERT INTO set_entries (set_id, member, payload, modified_at) VALUES
                    ('register-members/customers', '{Subject}', x'04', 0), ('register-members/customers', 'b', x'05', 0),
                    ('register-members/customers', 'Zä😀/x', x'07', 0), ('register-members/customers', '0a-F', x'08', 0),
                    ('register-list', 'customers', x'06', 0);
                """);
        }
        SqliteConnection.ClearAllPools();

        var services = await CreateServicesAsync();
        await CompactKeysUpgrade.AssertEveryRowReadsBackAsync(services);

        // And as stored, after every upgrade since: the stream id in 17 bytes (24 after this one), the subject's key in 17, the wrapped key as its version and raw bytes.
        await using var check = new SqliteConnection($"Data Source={SqliteFile.Path}");
        await check.OpenAsync();
        Assert.Equal(CompactKeysUpgrade.StoredLengths, (
            await LengthAsync(check, "SELECT length(stream_id) FROM stream_events WHERE seq = 2"),
            await LengthAsync(check, "SELECT length(grain_key) FROM grain_state WHERE grain_type = (SELECT id FROM names WHERE name = 'subject')"),
            await LengthAsync(check, "SELECT max(length(wrapped)) FROM data_keys")));
    }

    /// <summary>An empty file's tables as a release of schema <paramref name="version"/> left them (no rows to convert on the way).</summary>
    internal static async Task CreateAtVersionAsync(SqliteConnection connection, int version)
    {
        await ExecuteAsync(connection, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT 'then')");
        foreach (var function in new[] { "compact_key", "ordered_key", "recompact", "compact_wrapped", "reencode" })
        {
            connection.CreateFunction<object, byte[]>(function, _ => throw new InvalidOperationException("no rows to convert"), isDeterministic: true);
        }
        foreach (var script in SchemaScript.LoadEmbedded(typeof(SqliteSchemaMigrator).Assembly).Where(script => script.Version <= version))
        {
            await ExecuteAsync(connection, script.Sql);
            await ExecuteAsync(connection, $"INSERT INTO schema_migrations (version, name) VALUES ({script.Version}, '{script.Name}')");
        }
    }

    private static Task ExecuteAsync(SqliteConnection connection, string sql) => SqliteCompactStorageTests.ExecuteAsync(connection, sql);

    private static async Task<int> LengthAsync(SqliteConnection connection, string sql) =>
        int.Parse((await SqliteCompactStorageTests.ScalarAsync(connection, sql))!, System.Globalization.CultureInfo.InvariantCulture);
}
