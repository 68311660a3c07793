using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Storage.Sqlite.Tests;

/// <summary>Schema version 5 (compact row keys): the upgrade from version 4, and how rows are stored after it.</summary>
public sealed class SqliteCompactKeysUpgradeTests : StorageTestBase
{
    private const string Hash = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private const string Subject = "5ab1e0c0ffee4d2a9b7c3e1f00aa11bb";

    protected override void AddStorage(IServiceCollection services) => services.AddSqliteStorage(options => options.DatabasePath = SqliteFile.Path);

    [Fact]
    public async Task A_database_of_schema_version_4_reads_every_row_back_after_the_upgrade_with_identifier_keys_cut_to_16_bytes()
    {
        await using (var connection = new SqliteConnection($"Data Source={SqliteFile.Path}"))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(SqliteFile.Path)!);
            await connection.OpenAsync();
            await ExecuteAsync(connection, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT 'then')");
            connection.CreateFunction<string, byte[]>("compact_key", value => throw new InvalidOperationException("no rows to convert"), isDeterministic: true);
            foreach (var script in SchemaScript.LoadEmbedded(typeof(SqliteSchemaMigrator).Assembly).Where(script => script.Version <= 4))
            {
                await ExecuteAsync(connection, script.Sql);
                await ExecuteAsync(connection, $"INSERT INTO schema_migrations (version, name) VALUES ({script.Version}, '{script.Name}')");
            }
            // Version 4's rows: keys and owners tagged (1 hex, 2 text), names and grain keys and stream ids as text.
            await ExecuteAsync(connection, $"""
                INSERT INTO service (singleton, service_id) VALUES (1, 'privacy-ledger');
                INSERT INTO unique_index (index_name, index_key, owner) VALUES
                    ('identifiers', x'01{Hash}', x'01{Subject}'),
                    ('suppressions', x'01{Hash}', CAST(x'02' || CAST('campaign:{Subject}' AS BLOB) AS BLOB)),
                    ('campaign-emails', x'01{Hash}', x'01{Subject}'),
                    ('identifiers', CAST(x'02' || CAST('Not-Hex' AS BLOB) AS BLOB), CAST(x'02' || CAST('request/{Subject}' AS BLOB) AS BLOB));
                INSERT INTO data_keys (subject, wrapped) VALUES
                    (x'01{Subject}', CAST(x'02' || CAST('v2:d3JhcHBlZA==' AS BLOB) AS BLOB)),
                    (CAST(x'02' || CAST('text-subject' AS BLOB) AS BLOB), CAST(x'02' || CAST('d3JhcHBlZA==' AS BLOB) AS BLOB));
                INSERT INTO grain_state (grain_type, grain_key, version, payload, modified_at) VALUES
                    ('subject', '{Subject}', 3, x'7b7d', 0), ('register', 'customers', 1, NULL, 0);
                INSERT INTO stream_events (stream_id, seq, payload, appended_at) VALUES
                    ('ledger/{Subject}', 1, x'01', 0), ('ledger/{Subject}', 2, x'02', 0), ('campaign/x', 1, x'03', 0);
                INSERT INTO set_entries (set_id, member, payload, modified_at) VALUES
                    ('register-members/customers', '{Subject}', x'04', 0), ('register-members/customers', 'b', x'05', 0),
                    ('register-list', 'customers', x'06', 0);
                """);
        }
        SqliteConnection.ClearAllPools();

        var services = await CreateServicesAsync();
        var index = services.GetRequiredService<IUniqueIndexStore>();

        var cut = Hash[..32];
        Assert.Equal(new Dictionary<string, string> { [cut] = Subject, ["Not-Hex"] = $"request/{Subject}" }, await index.GetAsync("identifiers", [cut, Hash, "Not-Hex"]));
        Assert.Equal(new Dictionary<string, string> { [cut] = $"campaign:{Subject}" }, await index.GetAsync("suppressions", [cut, Hash]));
        Assert.Equal(new Dictionary<string, string> { [Hash] = Subject }, await index.GetAsync("campaign-emails", [cut, Hash]));
        Assert.Equal(new Dictionary<string, string> { [Subject] = "v2:77726170706564", ["text-subject"] = "77726170706564" },
            await index.GetAsync(UniqueIndexes.DataKeys, [Subject, "text-subject"]));
        Assert.Equal(new Dictionary<string, long> { ["v2"] = 1, [""] = 1 }, await index.CountByOwnerTagAsync(UniqueIndexes.DataKeys));
        var states = await services.GetRequiredService<IGrainStateStore>().ReadManyAsync([new GrainKey("subject", Subject), new GrainKey("register", "customers")]);
        Assert.Equal((3L, "{}"), (states[0]!.Version, System.Text.Encoding.UTF8.GetString(states[0]!.Payload!)));
        Assert.Equal((1L, null), (states[1]!.Version, states[1]!.Payload));
        var streams = services.GetRequiredService<IEventStreamStore>();
        Assert.Equal([1L, 2L], (await streams.ReadAsync($"ledger/{Subject}", 0, 10)).Select(e => e.Sequence));
        Assert.Equal([1L], (await streams.ReadAsync("campaign/x", 0, 10)).Select(e => e.Sequence));
        var sets = services.GetRequiredService<IOrderedSetStore>();
        Assert.Equal([Subject, "b"], (await sets.ListAsync("register-members/customers", null, 10)).Select(e => e.Member));
        Assert.Equal(["customers"], (await sets.ListAsync("register-list", null, 10)).Select(e => e.Member));

        // And as stored: the stream id in 24 bytes, the subject's key in 17, the wrapped key as its version and raw bytes.
        await using var check = new SqliteConnection($"Data Source={SqliteFile.Path}");
        await check.OpenAsync();
        Assert.Equal(24L, await ScalarAsync(check, "SELECT length(stream_id) FROM stream_events WHERE seq = 2"));
        Assert.Equal(17L, await ScalarAsync(check, "SELECT length(grain_key) FROM grain_state WHERE grain_type = 'subject'"));
        Assert.Equal(2L + 2 + 7, await ScalarAsync(check, "SELECT max(length(wrapped)) FROM data_keys"));
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
