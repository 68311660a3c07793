using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Storage.Sqlite.Tests;

/// <summary>Schema version 4: one service per file, how the unique index and the data keys are stored, and the upgrade from version 3.</summary>
public sealed class SqliteCompactStorageTests : StorageTestBase
{
    protected override void AddStorage(IServiceCollection services) => services.AddSqliteStorage(options => options.DatabasePath = SqliteFile.Path);

    [Fact]
    public async Task Identifier_keys_are_stored_as_their_bytes_and_data_keys_in_a_table_of_their_own()
    {
        var index = (await CreateServicesAsync()).GetRequiredService<IUniqueIndexStore>();
        var (hash, subject) = (string.Concat(Enumerable.Repeat("c3", 16)), Guid.NewGuid().ToString("N"));
        await index.ClaimAsync("identifiers", [hash], subject);
        await index.ClaimAsync(UniqueIndexes.DataKeys, [subject], "v2:d3JhcHBlZA==");

        await using var connection = new SqliteConnection($"Data Source={SqliteFile.Path}");
        await connection.OpenAsync();
        Assert.Equal("17 17", await ScalarAsync(connection, "SELECT length(index_key) || ' ' || length(owner) FROM unique_index JOIN names ON names.id = index_id WHERE name = 'identifiers'"));
        Assert.Equal("0 1", await ScalarAsync(connection, "SELECT (SELECT count(*) FROM unique_index JOIN names ON names.id = index_id WHERE name = 'data-keys') || ' ' || (SELECT count(*) FROM data_keys)"));
    }

    [Fact]
    public async Task A_database_of_schema_version_3_keeps_every_key_and_owner_through_the_upgrade()
    {
        // Version 3's tables, as an earlier release left them: keys and owners as text, data keys among the identifiers.
        await using (var connection = new SqliteConnection($"Data Source={SqliteFile.Path}"))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(SqliteFile.Path)!);
            await connection.OpenAsync();
            await ExecuteAsync(connection, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT 'then')");
            foreach (var script in SchemaScript.LoadEmbedded(typeof(SqliteSchemaMigrator).Assembly).Where(script => script.Version <= 3))
            {
                await ExecuteAsync(connection, script.Sql);
                await ExecuteAsync(connection, $"INSERT INTO schema_migrations (version, name) VALUES ({script.Version}, '{script.Name}')");
            }
            var hex = string.Concat(Enumerable.Repeat("ab", 32));
            await ExecuteAsync(connection, $"""
                INSERT INTO unique_index (service_id, index_name, index_key, owner) VALUES
                    ('privacy-ledger', 'identifiers', '{hex}', '{Repeat("0f")}'),
                    ('privacy-ledger', 'suppressions', 'Not-Hex', 'Owner:Text'),
                    ('privacy-ledger', 'data-keys', '{Repeat("0f")}', 'v2:d3JhcHBlZA=='),
                    ('privacy-ledger', 'data-keys', '{Repeat("1e")}', 'd3JhcHBlZA==');
                INSERT INTO grain_state (service_id, grain_type, grain_key, version, payload, modified_at) VALUES ('privacy-ledger', 'subject', 's1', 3, x'7b7d', 0);
                INSERT INTO stream_events (service_id, stream_id, seq, payload, appended_at)
                    VALUES ('privacy-ledger', 'ledger/s1', 1, x'01', 0), ('privacy-ledger', 'ledger/s1', 2, x'02', 0);
                INSERT INTO set_entries (service_id, set_id, member, payload, modified_at) VALUES ('privacy-ledger', 'register-members/r', 's1', x'03', 0);
                """);
        }
        SqliteConnection.ClearAllPools();

        var index = (await CreateServicesAsync()).GetRequiredService<IUniqueIndexStore>();

        // Through version 5 as well: an identifier hash is kept as its first 16 bytes, a wrapped key as hex.
        Assert.Equal(new Dictionary<string, string> { [Repeat("ab")] = Repeat("0f") }, await index.GetAsync("identifiers", [Repeat("ab")]));
        Assert.Equal(new Dictionary<string, string> { ["Not-Hex"] = "Owner:Text" }, await index.GetAsync("suppressions", ["Not-Hex"]));
        Assert.Equal(new Dictionary<string, string> { [Repeat("0f")] = "v2:77726170706564", [Repeat("1e")] = "77726170706564" },
            await index.GetAsync(UniqueIndexes.DataKeys, [Repeat("0f"), Repeat("1e")]));
        Assert.Equal(new Dictionary<string, long> { ["v2"] = 1, [""] = 1 }, await index.CountByOwnerTagAsync(UniqueIndexes.DataKeys));
        Assert.Empty(await index.GetAsync("identifiers", [Repeat("0f")]));
        var services = await CreateServicesAsync();
        var state = await services.GetRequiredService<IGrainStateStore>().ReadAsync(new GrainKey("subject", "s1"));
        Assert.Equal((3L, "{}"), (state!.Version, System.Text.Encoding.UTF8.GetString(state.Payload!)));
        Assert.Equal([1L, 2L], (await services.GetRequiredService<IEventStreamStore>().ReadAsync("ledger/s1", 0, 10)).Select(e => e.Sequence));
        Assert.Equal(["s1"], (await services.GetRequiredService<IOrderedSetStore>().ListAsync("register-members/r", null, 10)).Select(e => e.Member));
    }

    [Fact]
    public async Task A_node_of_another_service_is_refused_on_a_file_that_holds_a_service()
    {
        await CreateServicesAsync();
        var other = new ServiceCollection().AddSqliteStorage(options =>
        {
            options.DatabasePath = SqliteFile.Path;
            options.ServiceId = "another-service";
        }).BuildServiceProvider();
        await using var _ = other;

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => other.GetRequiredService<IStorageInitializer>().InitializeAsync());
        Assert.Contains("another-service", refused.Message);
        Assert.Contains("Ledger:DataDirectory", refused.Message);
    }

    private static string Repeat(string pair) => string.Concat(Enumerable.Repeat(pair, 16));

    internal static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task<string?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
