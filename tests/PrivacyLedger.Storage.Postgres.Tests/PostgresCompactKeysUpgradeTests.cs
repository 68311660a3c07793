using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PrivacyLedger.Storage;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Storage.Postgres.Tests;

/// <summary>Schema version 7 (compact row keys): the upgrade from version 6, and how rows are stored after it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCompactKeysUpgradeTests(PostgresClusterFixture postgres)
{
    private const string Hash = CompactKeysUpgrade.Hash;
    private const string Subject = CompactKeysUpgrade.Subject;

    [Fact]
    public async Task A_database_of_schema_version_6_reads_every_row_back_after_the_upgrade_with_identifier_keys_cut_to_16_bytes()
    {
        const string schema = "compact_keys_from_v6";
        await using (var connection = new NpgsqlConnection(postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await CreateSchemaAtVersionAsync(connection, schema, 6);
            // Version 6's rows: keys and owners tagged (1 hex, 2 text), names and grain keys and stream ids as text.
            await ExecuteAsync(connection, $"""
                INSERT INTO service (service_id) VALUES ('privacy-ledger');
                INSERT INTO unique_index (index_name, index_key, owner) VALUES
                    ('identifiers', '\x01{Hash}', '\x01{Subject}'),
                    ('suppressions', '\x01{Hash}', '\x02' || convert_to('campaign:{Subject}', 'UTF8')),
                    ('campaign-emails', '\x01{Hash}', '\x01{Subject}'),
                    ('suppressions', '\x02' || convert_to('Not-Hex', 'UTF8'), '\x02' || convert_to('request/{Subject}', 'UTF8'));
                INSERT INTO data_keys (subject, wrapped) VALUES
                    ('\x01{Subject}', '\x02' || convert_to('v2:d3JhcHBlZA==', 'UTF8')),
                    ('\x02' || convert_to('text-subject', 'UTF8'), '\x02' || convert_to('d3JhcHBlZA==', 'UTF8'));
                INSERT INTO grain_state (version, modified_at, grain_type, grain_key, payload) VALUES
                    (3, now(), 'subject', '{Subject}', '\x7b7d'), (1, now(), 'register', 'customers', NULL);
                INSERT INTO stream_events (seq, appended_at, stream_id, payload) VALUES
                    (1, now(), 'ledger/{Subject}', '\x01'), (2, now(), 'ledger/{Subject}', '\x02'), (1, now(), 'campaign/x', '\x03');
                INSERT INTO set_entries (modified_at, set_id, member, payload) VALUES
                    (now(), 'register-members/customers', '{Subject}', '\x04'), (now(), 'register-members/customers', 'b', '\x05'),
                    (now(), 'register-members/customers', 'Zä😀/x', '\x07'), (now(), 'register-members/customers', '0a-F', '\x08'),
                    (now(), 'register-list', 'customers', '\x06');
                """);
        }

        await using var services = await PostgresCompactKeysUpgradeTests.MigratedAsync(postgres, schema);
        await CompactKeysUpgrade.AssertEveryRowReadsBackAsync(services);

        // And as stored, after every upgrade since: the stream id in 17 bytes (24 after this one), the subject's key in 17, the wrapped key as its version and raw bytes.
        await using var check = new NpgsqlConnection($"{postgres.ConnectionString};Search Path={schema}");
        await check.OpenAsync();
        Assert.Equal(CompactKeysUpgrade.StoredLengths, (
            await ScalarAsync<int>(check, "SELECT octet_length(stream_id) FROM stream_events WHERE seq = 2"),
            await ScalarAsync<int>(check, "SELECT octet_length(grain_key) FROM grain_state WHERE grain_type = (SELECT id FROM names WHERE name = 'subject')"),
            await ScalarAsync<int>(check, "SELECT max(octet_length(wrapped)) FROM data_keys")));
    }

    /// <summary>Storage on <paramref name="schema"/>, migrated to the latest version as a node's start-up does.</summary>
    internal static async Task<ServiceProvider> MigratedAsync(PostgresClusterFixture postgres, string schema)
    {
        var services = new ServiceCollection().AddPostgresStorage(options =>
        {
            options.ConnectionString = postgres.ConnectionString;
            options.Schema = schema;
        }).BuildServiceProvider();
        await services.GetRequiredService<IStorageInitializer>().InitializeAsync();
        return services;
    }

    /// <summary>A fresh schema as a release of schema <paramref name="version"/> left it, the connection's search path set to it.</summary>
    internal static async Task CreateSchemaAtVersionAsync(NpgsqlConnection connection, string schema, int version)
    {
        await ExecuteAsync(connection, $"""
            DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}; SET search_path = {schema};
            CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
            """);
        foreach (var script in SchemaScript.LoadEmbedded(typeof(PostgresSchemaMigrator).Assembly).Where(script => script.Version <= version))
        {
            await ExecuteAsync(connection, script.Sql);
            await ExecuteAsync(connection, $"INSERT INTO schema_migrations (version, name) VALUES ({script.Version}, '{script.Name}')");
        }
    }

    /// <summary>The version of the embedded script of that name, so a test of its upgrade survives a renumbering.</summary>
    internal static int VersionOf(string scriptName) =>
        SchemaScript.LoadEmbedded(typeof(PostgresSchemaMigrator).Assembly).Single(script => script.Name == scriptName).Version;

    /// <summary>A fresh schema as a release of schema <paramref name="version"/> left it, holding the rows <paramref name="sql"/> inserts.</summary>
    internal static async Task CreateSchemaAtVersionAsync(PostgresClusterFixture postgres, string schema, int version, string sql)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await CreateSchemaAtVersionAsync(connection, schema, version);
        await ExecuteAsync(connection, sql);
    }

    internal static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
