using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PrivacyLedger.Storage;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Storage.Postgres.Tests;

/// <summary>Schema version 8 (lean rows): the upgrade from version 7, and the tables' columns after it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLeanRowsUpgradeTests(PostgresClusterFixture postgres)
{
    [Fact]
    public async Task A_database_of_schema_version_7_reads_and_writes_every_row_after_the_upgrade_without_write_times()
    {
        const string schema = "lean_rows_from_v7";
        await using (var connection = new NpgsqlConnection(postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await PostgresCompactKeysUpgradeTests.CreateSchemaAtVersionAsync(connection, schema, 7);
            // Version 7's rows: grain types as text, write times in every row, keys in their stored forms.
            var names = LeanRowsUpgrade.Members.Select(member => member.Set).Distinct().ToList();
            await ExecuteAsync(connection, $"""
                INSERT INTO service (service_id) VALUES ('privacy-ledger');
                INSERT INTO names (name) VALUES {string.Join(", ", names.Select(name => $"('{name}')"))};
                INSERT INTO grain_state (version, modified_at, grain_type, grain_key, payload) VALUES
                    {string.Join(",\n", LeanRowsUpgrade.Grains.Select(grain =>
                        $"({grain.Version}, now(), '{grain.Type}', '\\x{LeanRowsUpgrade.Hex(CompactKey.Encode(grain.Key))}', {(grain.Payload is null ? "NULL" : $"'\\x{LeanRowsUpgrade.Hex(grain.Payload)}'")})"))};
                INSERT INTO stream_events (seq, appended_at, stream_id, payload) VALUES
                    {string.Join(",\n", LeanRowsUpgrade.Events.Select(e => $"({e.Seq}, now(), '\\x{LeanRowsUpgrade.Hex(CompactKey.Encode(e.Stream))}', '\\x{LeanRowsUpgrade.Hex(e.Payload)}')"))};
                INSERT INTO set_entries (modified_at, set_id, member, payload)
                SELECT now(), n.id, m.member, m.payload FROM (VALUES
                    {string.Join(",\n", LeanRowsUpgrade.Members.Select(m => $"('{m.Set}', '\\x{LeanRowsUpgrade.Hex(OrderedKey.Encode(m.Member))}'::bytea, '\\x{LeanRowsUpgrade.Hex(m.Payload)}'::bytea)"))}
                ) AS m(set_id, member, payload) JOIN names AS n ON n.name = m.set_id;
                """);
        }

        await using var services = await PostgresCompactKeysUpgradeTests.MigratedAsync(postgres, schema);
        await LeanRowsUpgrade.AssertEveryRowReadsBackAndWritesAsync(services);

        await using var check = new NpgsqlConnection($"{postgres.ConnectionString};Search Path={schema}");
        await check.OpenAsync();
        // (seq an integer since version 9.)
        Assert.Equal("grain_state: version bigint, grain_type integer, payload bytea, grain_key bytea; "
            + "set_entries: set_id integer, member bytea, payload bytea; stream_events: seq integer, payload bytea, stream_id bytea", await ScalarAsync<string>(check, $"""
            SELECT string_agg(table_name || ': ' || columns, '; ' ORDER BY table_name) FROM (
                SELECT table_name, string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position) AS columns
                  FROM information_schema.columns WHERE table_schema = '{schema}' AND table_name IN ('grain_state', 'stream_events', 'set_entries')
                 GROUP BY table_name) AS tables
            """));
        // Migrated to the latest version, this one's upgrade among them.
        Assert.Equal($"{SchemaScript.LoadEmbedded(typeof(PostgresSchemaMigrator).Assembly)[^1].Version} 1",
            await ScalarAsync<string>(check, "SELECT max(version) || ' ' || count(*) FILTER (WHERE version = 8) FROM schema_migrations"));
    }

    private static Task ExecuteAsync(NpgsqlConnection connection, string sql) => PostgresCompactKeysUpgradeTests.ExecuteAsync(connection, sql);

    private static Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql) => PostgresCompactKeysUpgradeTests.ScalarAsync<T>(connection, sql);
}
