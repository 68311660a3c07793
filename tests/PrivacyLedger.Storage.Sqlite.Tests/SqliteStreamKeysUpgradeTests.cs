using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Storage.Sqlite.Tests;

/// <summary>Schema version 7 (17-byte ledger stream ids): the upgrade from version 6, and the keys after it.</summary>
public sealed class SqliteStreamKeysUpgradeTests : StorageTestBase
{
    private static readonly IReadOnlyList<SchemaScript> Scripts = SchemaScript.LoadEmbedded(typeof(SqliteSchemaMigrator).Assembly);

    /// <summary>This upgrade's version (7 when written; found by name, should the scripts be renumbered).</summary>
    private static readonly int Upgrade = Scripts.Single(script => script.Name == "stream_keys").Version;

    protected override void AddStorage(IServiceCollection services) => services.AddSqliteStorage(options => options.DatabasePath = SqliteFile.Path);

    [Fact]
    public async Task A_database_of_schema_version_6_finds_every_ledger_key_in_its_new_form_after_the_upgrade()
    {
        await using (var connection = new SqliteConnection($"Data Source={SqliteFile.Path}"))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(SqliteFile.Path)!);
            await connection.OpenAsync();
            await SqliteCompactKeysUpgradeTests.CreateAtVersionAsync(connection, Upgrade - 1);
            // Version 6's rows: "ledger/<hex>" in the prefix form wherever a key or owner is stored.
            var names = StreamKeysUpgrade.Grains.Select(grain => grain.Type).Concat(StreamKeysUpgrade.Claims.Select(claim => claim.Index)).Distinct();
            await ExecuteAsync(connection, $"""
                INSERT INTO service (singleton, service_id) VALUES (1, 'privacy-ledger');
                INSERT INTO names (name) VALUES {string.Join(", ", names.Select(name => $"('{name}')"))};
                INSERT INTO grain_state (grain_type, grain_key, version, payload) VALUES
                    {string.Join(",\n", StreamKeysUpgrade.Grains.Select(g =>
                        $"((SELECT id FROM names WHERE name = '{g.Type}'), x'{StreamKeysUpgrade.EarlierHex(g.Key)}', {g.Version}, x'{StreamKeysUpgrade.Hex(g.Payload)}')"))};
                INSERT INTO stream_events (stream_id, seq, payload) VALUES
                    {string.Join(",\n", StreamKeysUpgrade.Events.Select(e => $"(x'{StreamKeysUpgrade.EarlierHex(e.Stream)}', {e.Seq}, x'{StreamKeysUpgrade.Hex(e.Payload)}')"))};
                INSERT INTO unique_index (index_id, index_key, owner) VALUES
                    {string.Join(",\n", StreamKeysUpgrade.Claims.Select(c =>
                        $"((SELECT id FROM names WHERE name = '{c.Index}'), x'{StreamKeysUpgrade.EarlierHex(c.Key)}', x'{StreamKeysUpgrade.EarlierHex(c.Owner)}')"))};
                INSERT INTO data_keys (subject, wrapped) VALUES
                    {string.Join(",\n", StreamKeysUpgrade.DataKeys.Select(k => $"(x'{StreamKeysUpgrade.EarlierHex(k.Subject)}', x'{StreamKeysUpgrade.EarlierHex(k.Wrapped)}')"))};
                """);
        }
        SqliteConnection.ClearAllPools();

        var services = await CreateServicesAsync();
        await StreamKeysUpgrade.AssertEveryRowIsFoundAndChangesAsync(services);

        await using var check = new SqliteConnection($"Data Source={SqliteFile.Path}");
        await check.OpenAsync();
        // The subject's stream id in 17 bytes, and no key or owner of any table left in the earlier ledger form.
        Assert.Equal("17", await SqliteCompactStorageTests.ScalarAsync(check,
            $"SELECT DISTINCT length(stream_id) FROM stream_events WHERE stream_id = x'{Convert.ToHexStringLower(CompactKey.Encode(StreamKeysUpgrade.Ledger))}'"));
        Assert.Equal("0", await SqliteCompactStorageTests.ScalarAsync(check, """
            SELECT count(*) FROM (SELECT stream_id AS k FROM stream_events UNION ALL SELECT grain_key FROM grain_state
                UNION ALL SELECT index_key FROM unique_index UNION ALL SELECT owner FROM unique_index
                UNION ALL SELECT subject FROM data_keys UNION ALL SELECT wrapped FROM data_keys)
             WHERE substr(k, 1, 8) = x'03066c6564676572'
            """));
        Assert.Equal($"{Scripts[^1].Version}", await SqliteCompactStorageTests.ScalarAsync(check, "SELECT max(version) FROM schema_migrations"));
    }

    private static Task ExecuteAsync(SqliteConnection connection, string sql) => SqliteCompactStorageTests.ExecuteAsync(connection, sql);
}
