using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Storage.Sqlite.Tests;

/// <summary>Schema version 6 (lean rows): the upgrade from version 5, and the tables' columns after it.</summary>
public sealed class SqliteLeanRowsUpgradeTests : StorageTestBase
{
    protected override void AddStorage(IServiceCollection services) => services.AddSqliteStorage(options => options.DatabasePath = SqliteFile.Path);

    [Fact]
    public async Task A_database_of_schema_version_5_reads_and_writes_every_row_after_the_upgrade_without_write_times()
    {
        await using (var connection = new SqliteConnection($"Data Source={SqliteFile.Path}"))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(SqliteFile.Path)!);
            await connection.OpenAsync();
            await SqliteCompactKeysUpgradeTests.CreateAtVersionAsync(connection, 5);
            // Version 5's rows: grain types as text, write times in every row, keys in their stored forms.
            var names = LeanRowsUpgrade.Members.Select(member => member.Set).Distinct().ToList();
            await ExecuteAsync(connection, $"""
                INSERT INTO service (singleton, service_id) VALUES (1, 'privacy-ledger');
                INSERT INTO names (name) VALUES {string.Join(", ", names.Select(name => $"('{name}')"))};
                INSERT INTO grain_state (grain_type, grain_key, version, payload, modified_at) VALUES
                    {string.Join(",\n", LeanRowsUpgrade.Grains.Select(grain =>
                        $"('{grain.Type}', x'{LeanRowsUpgrade.Hex(CompactKey.Encode(grain.Key))}', {grain.Version}, {(grain.Payload is null ? "NULL" : $"x'{LeanRowsUpgrade.Hex(grain.Payload)}'")}, 1765000000000)"))};
                INSERT INTO stream_events (stream_id, seq, payload, appended_at) VALUES
                    {string.Join(",\n", LeanRowsUpgrade.Events.Select(e => $"(x'{LeanRowsUpgrade.Hex(CompactKey.Encode(e.Stream))}', {e.Seq}, x'{LeanRowsUpgrade.Hex(e.Payload)}', 1765000000000)"))};
                INSERT INTO set_entries (set_id, member, payload, modified_at) VALUES
                    {string.Join(",\n", LeanRowsUpgrade.Members.Select(m =>
                        $"((SELECT id FROM names WHERE name = '{m.Set}'), x'{LeanRowsUpgrade.Hex(OrderedKey.Encode(m.Member))}', x'{LeanRowsUpgrade.Hex(m.Payload)}', 1765000000000)"))};
                """);
        }
        SqliteConnection.ClearAllPools();

        var services = await CreateServicesAsync();
        await LeanRowsUpgrade.AssertEveryRowReadsBackAndWritesAsync(services);

        await using var check = new SqliteConnection($"Data Source={SqliteFile.Path}");
        await check.OpenAsync();
        Assert.Equal("grain_state: grain_type INTEGER, grain_key BLOB, version INTEGER, payload BLOB; "
            + "set_entries: set_id INTEGER, member BLOB, payload BLOB; stream_events: stream_id BLOB, seq INTEGER, payload BLOB", await SqliteCompactStorageTests.ScalarAsync(check, """
            SELECT group_concat(t, '; ') FROM (
                SELECT m.name || ': ' || (SELECT group_concat(c.name || ' ' || c.type, ', ') FROM pragma_table_info(m.name) AS c) AS t
                  FROM sqlite_master AS m WHERE m.type = 'table' AND m.name IN ('grain_state', 'stream_events', 'set_entries') ORDER BY m.name)
            """));
        // Migrated to the latest version, this one's upgrade among them.
        Assert.Equal($"{SchemaScript.LoadEmbedded(typeof(SqliteSchemaMigrator).Assembly)[^1].Version} 1",
            await SqliteCompactStorageTests.ScalarAsync(check, "SELECT max(version) || ' ' || sum(version = 6) FROM schema_migrations"));
    }

    private static Task ExecuteAsync(SqliteConnection connection, string sql) => SqliteCompactStorageTests.ExecuteAsync(connection, sql);
}
