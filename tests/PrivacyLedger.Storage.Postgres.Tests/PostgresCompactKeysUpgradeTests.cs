using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PrivacyLedger.Storage;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Storage.Postgres.Tests;

/// <summary>Schema version 7 (compact row keys): the upgrade from version 6, and how rows are stored after it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCompactKeysUpgradeTests(PostgresClusterFixture postgres)
{
    private const string Hash = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private const string Subject = "5ab1e0c0ffee4d2a9b7c3e1f00aa11bb";

    [Fact]
    public async Task A_database_of_schema_version_6_reads_every_row_back_after_the_upgrade_with_identifier_keys_cut_to_16_bytes()
    {
        const string schema = "compact_keys_from_v6";
        await using (var connection = new NpgsqlConnection(postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await ExecuteAsync(connection, $"""
                DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}; SET search_path = {schema};
                CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
                """);
            foreach (var script in SchemaScript.LoadEmbedded(typeof(PostgresSchemaMigrator).Assembly).Where(script => script.Version <= 6))
            {
                await ExecuteAsync(connection, script.Sql);
                await ExecuteAsync(connection, $"INSERT INTO schema_migrations (version, name) VALUES ({script.Version}, '{script.Name}')");
            }
            // Version 6's rows: keys and owners tagged (1 hex, 2 text), names and grain keys and stream ids as text.
            await ExecuteAsync(connection, $"""
                INSERT INTO service (service_id) VALUES ('privacy-ledger');
                INSERT INTO unique_index (index_name, index_key, owner) VALUES
                    ('identifiers', '\x01{Hash}', '\x01{Subject}'),
                    ('suppressions', '\x01{Hash}', '\x02' || convert_to('campaign:{Subject}', 'UTF8')),
                    ('campaign-emails', '\x01{Hash}', '\x01{Subject}'),
                    ('identifiers', '\x02' || convert_to('Not-Hex', 'UTF8'), '\x02' || convert_to('request/{Subject}', 'UTF8'));
                INSERT INTO data_keys (subject, wrapped) VALUES
                    ('\x01{Subject}', '\x02' || convert_to('v2:d3JhcHBlZA==', 'UTF8')),
                    ('\x02' || convert_to('text-subject', 'UTF8'), '\x02' || convert_to('d3JhcHBlZA==', 'UTF8'));
                INSERT INTO grain_state (version, modified_at, grain_type, grain_key, payload) VALUES
                    (3, now(), 'subject', '{Subject}', '\x7b7d'), (1, now(), 'register', 'customers', NULL);
                INSERT INTO stream_events (seq, appended_at, stream_id, payload) VALUES
                    (1, now(), 'ledger/{Subject}', '\x01'), (2, now(), 'ledger/{Subject}', '\x02'), (1, now(), 'campaign/x', '\x03');
                INSERT INTO set_entries (modified_at, set_id, member, payload) VALUES
                    (now(), 'register-members/customers', '{Subject}', '\x04'), (now(), 'register-members/customers', 'b', '\x05'),
                    (now(), 'register-list', 'customers', '\x06');
                """);
        }

        var services = new ServiceCollection().AddPostgresStorage(options =>
        {
            options.ConnectionString = postgres.ConnectionString;
            options.Schema = schema;
        }).BuildServiceProvider();
        await using var _ = services;
        await services.GetRequiredService<IStorageInitializer>().InitializeAsync();
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
        await using var check = new NpgsqlConnection($"{postgres.ConnectionString};Search Path={schema}");
        await check.OpenAsync();
        Assert.Equal(24, await ScalarAsync<int>(check, "SELECT octet_length(stream_id) FROM stream_events WHERE seq = 2"));
        Assert.Equal(17, await ScalarAsync<int>(check, "SELECT octet_length(grain_key) FROM grain_state WHERE grain_type = 'subject'"));
        Assert.Equal(2 + 2 + 7, await ScalarAsync<int>(check, "SELECT max(octet_length(wrapped)) FROM data_keys"));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
