using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PrivacyLedger.Storage;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Storage.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaTests(PostgresClusterFixture postgres) : StorageTestBase
{
    private string Schema => PostgresClusterFixture.SchemaFor(GetType());

    protected override void AddStorage(IServiceCollection services) => services.AddPostgresStorage(options =>
    {
        options.ConnectionString = postgres.ConnectionString;
        options.Schema = Schema;
    });

    [Fact]
    public async Task Nodes_starting_together_apply_each_script_once_and_record_it()
    {
        var nodes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CreateServicesAsync()));
        await Task.WhenAll(nodes.Select(node => node.GetRequiredService<IStorageInitializer>().InitializeAsync()));

        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT version, name FROM \"{Schema}\".schema_migrations ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(1, reader.GetInt32(0));
        Assert.Equal("runtime", reader.GetString(1));
        Assert.True(await reader.ReadAsync());
        Assert.Equal(2, reader.GetInt32(0));
        foreach (var (version, name) in new[] { (3, "orleans_query"), (4, "orleans_clustering"), (5, "orleans_reminders"), (6, "compact_storage"), (7, "compact_keys"), (8, "lean_rows"), (9, "stream_keys"), (10, "identifier_claims") })
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal((version, name), (reader.GetInt32(0), reader.GetString(1)));
        }
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task Readiness_reports_a_reachable_database_and_an_unreachable_one()
    {
        var reachable = (await CreateServicesAsync()).GetRequiredService<IStorageHealth>();
        var services = new ServiceCollection().AddPostgresStorage(options =>
        {
            options.ConnectionString = "Host=127.0.0.1;Port=1;Username=postgres;Timeout=2";
        }).BuildServiceProvider();
        await using var _ = services;

        Assert.True(await reachable.IsReachableAsync());
        Assert.False(await services.GetRequiredService<IStorageHealth>().IsReachableAsync());
    }

    [Fact]
    public async Task Pooled_connections_skip_the_reset_round_trip_unless_the_connection_string_asks_for_it()
    {
        await using var tuned = new PostgresDatabase(new PostgresStorageOptions { ConnectionString = postgres.ConnectionString, Schema = Schema });
        await using var asked = new PostgresDatabase(new PostgresStorageOptions { ConnectionString = $"{postgres.ConnectionString};No Reset On Close=false", Schema = Schema });

        Assert.True(new NpgsqlConnectionStringBuilder(tuned.DataSource.ConnectionString).NoResetOnClose);
        Assert.False(new NpgsqlConnectionStringBuilder(asked.DataSource.ConnectionString).NoResetOnClose);
    }

    [Fact]
    public async Task A_batch_read_probes_the_primary_key_also_before_the_table_has_statistics()
    {
        // Run once per activation: a plan that scans grain_state would read every subject for every chunk.
        var store = (await CreateServicesAsync()).GetRequiredService<IGrainStateStore>();
        var grains = Enumerable.Range(0, 5_000).Select(i => new GrainKey("subject", $"{i:D6}-{Guid.NewGuid():N}")).ToList();
        await store.WriteAsync([.. grains.Select(grain => new StateWrite(grain, 0, new byte[200]))]);
        var asked = grains.Take(200).ToList();

        await using var connection = new NpgsqlConnection($"{postgres.ConnectionString};Search Path={Schema}");
        await connection.OpenAsync();
        await using var explain = new NpgsqlCommand($"EXPLAIN (COSTS OFF) {PostgresGrainStateStore.ReadManySql}", connection);
        await using (var type = new NpgsqlCommand("SELECT id FROM names WHERE name = 'subject'", connection))
        {
            var subject = (int)(await type.ExecuteScalarAsync())!;
            explain.Parameters.Add(new() { Value = asked.Select(_ => subject).ToArray() });
        }
        explain.Parameters.Add(new() { Value = asked.Select(grain => CompactKey.Encode(grain.Key)).ToArray() });
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        var text = string.Join('\n', plan);
        Assert.Contains("grain_state_pkey", text);
        Assert.DoesNotContain("Seq Scan on grain_state", text);
    }

    [Fact]
    public async Task A_node_of_another_service_is_refused_on_a_schema_that_holds_a_service()
    {
        await CreateServicesAsync();
        var other = new ServiceCollection().AddPostgresStorage(options =>
        {
            options.ConnectionString = postgres.ConnectionString;
            options.Schema = Schema;
            options.ServiceId = "another-service";
        }).BuildServiceProvider();
        await using var _ = other;

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => other.GetRequiredService<IStorageInitializer>().InitializeAsync());
        Assert.Contains("another-service", refused.Message);
        Assert.Contains("Ledger:Postgres:Schema", refused.Message);
    }

    [Fact]
    public void A_schema_name_that_is_not_a_plain_identifier_is_refused()
    {
        var options = new PostgresStorageOptions { ConnectionString = postgres.ConnectionString, Schema = "x\"; DROP TABLE y; --" };
        Assert.Throws<ArgumentException>(() => new PostgresDatabase(options));
    }

    [Fact]
    public async Task Identifier_claims_take_fixed_width_rows_other_keys_their_bytes_and_data_keys_a_table_of_their_own()
    {
        var index = (await CreateServicesAsync()).GetRequiredService<IUniqueIndexStore>();
        var (wide, subject) = (Convert.ToHexStringLower(new byte[32].Select((_, i) => (byte)(i * 7)).ToArray()), Guid.NewGuid().ToString("N"));
        var hashes = Enumerable.Range(0, 300).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        foreach (var each in hashes.Chunk(3))
        {
            await index.ClaimAsync(UniqueIndexes.Identifiers, each, Guid.NewGuid().ToString("N"));
        }
        await index.ClaimAsync(UniqueIndexes.Identifiers, [hashes[0][..30] + "ff"], subject);
        await index.ClaimAsync("campaign-emails", [wide], subject);
        await index.ClaimAsync(UniqueIndexes.DataKeys, [subject], "v2:d3JhcHBlZA==");

        await using var connection = new NpgsqlConnection($"{postgres.ConnectionString};Search Path={Schema}");
        await connection.OpenAsync();
        // 24 bytes of tuple header and two 16-byte uuids, no padding: 56 bytes a row (64 as (index_id, bytea, bytea)).
        // (The mode and the largest: pg_column_size gives one row of a few hundred 53 bytes, whatever it measures there.)
        Assert.Equal(("56 56", 0L), await ScalarsAsync<string, long>(connection, """
            SELECT mode() WITHIN GROUP (ORDER BY pg_column_size(t.*)) || ' ' || max(pg_column_size(t.*)),
                   (SELECT count(*) FROM unique_index JOIN names ON names.id = index_id WHERE name = 'identifiers')
              FROM identifier_claims AS t
            """));
        // The uuid's bytes are the hash's, in order.
        Assert.Equal((subject, 1L), await ScalarsAsync<string, long>(connection,
            $"SELECT replace(owner::text, '-', ''), count(*) OVER () FROM identifier_claims WHERE replace(index_key::text, '-', '') = '{hashes[0][..30]}ff'"));
        Assert.Equal((33, 17), await ScalarsAsync<int, int>(connection, $"SELECT octet_length(index_key), octet_length(owner) FROM unique_index WHERE index_key = '\\x01{wide}'::bytea"));
        Assert.Equal((0L, 1L), await ScalarsAsync<long, long>(connection,
            "SELECT (SELECT count(*) FROM unique_index JOIN names ON names.id = index_id WHERE name = 'data-keys'), (SELECT count(*) FROM data_keys)"));
    }

    [Fact]
    public async Task A_database_of_schema_version_5_keeps_every_key_and_owner_through_the_upgrade()
    {
        // Version 5's tables, as an earlier release left them: keys and owners as text, data keys among the identifiers.
        const string schema = "upgrade_from_v5";
        await using (var connection = new NpgsqlConnection(postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await PostgresCompactKeysUpgradeTests.CreateSchemaAtVersionAsync(connection, schema, 5);
            await ExecuteAsync(connection, """
                INSERT INTO unique_index (service_id, index_name, index_key, owner) VALUES
                    ('privacy-ledger', 'identifiers', repeat('ab', 32), repeat('0f', 16)),
                    ('privacy-ledger', 'suppressions', 'Not-Hex', 'Owner:Text'),
                    ('privacy-ledger', 'data-keys', repeat('0f', 16), 'v2:d3JhcHBlZA=='),
                    ('privacy-ledger', 'data-keys', repeat('1e', 16), 'd3JhcHBlZA==');
                INSERT INTO grain_state (service_id, grain_type, grain_key, version, payload, modified_at)
                    VALUES ('privacy-ledger', 'subject', 's1', 3, '\x7b7d', now());
                INSERT INTO stream_events (service_id, stream_id, seq, payload, appended_at)
                    VALUES ('privacy-ledger', 'ledger/s1', 1, '\x01', now()), ('privacy-ledger', 'ledger/s1', 2, '\x02', now());
                INSERT INTO set_entries (service_id, set_id, member, payload, modified_at)
                    VALUES ('privacy-ledger', 'register-members/r', 's1', '\x03', now());
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

        // Through version 7 as well: an identifier hash is kept as its first 16 bytes, a wrapped key as hex.
        var hex = string.Concat(Enumerable.Repeat("ab", 16));
        Assert.Equal(new Dictionary<string, string> { [hex] = string.Concat(Enumerable.Repeat("0f", 16)) }, await index.GetAsync("identifiers", [hex]));
        Assert.Equal(new Dictionary<string, string> { ["Not-Hex"] = "Owner:Text" }, await index.GetAsync("suppressions", ["Not-Hex"]));
        var (first, second) = (string.Concat(Enumerable.Repeat("0f", 16)), string.Concat(Enumerable.Repeat("1e", 16)));
        Assert.Equal(new Dictionary<string, string> { [first] = "v2:77726170706564", [second] = "77726170706564" },
            await index.GetAsync(UniqueIndexes.DataKeys, [first, second]));
        Assert.Equal(new Dictionary<string, long> { ["v2"] = 1, [""] = 1 }, await index.CountByOwnerTagAsync(UniqueIndexes.DataKeys));
        Assert.Empty(await index.GetAsync("identifiers", [first]));
        var state = await services.GetRequiredService<IGrainStateStore>().ReadAsync(new GrainKey("subject", "s1"));
        Assert.Equal((3L, "{}"), (state!.Version, System.Text.Encoding.UTF8.GetString(state.Payload!)));
        Assert.Equal([1L, 2L], (await services.GetRequiredService<IEventStreamStore>().ReadAsync("ledger/s1", 0, 10)).Select(e => e.Sequence));
        Assert.Equal(["s1"], (await services.GetRequiredService<IOrderedSetStore>().ListAsync("register-members/r", null, 10)).Select(e => e.Member));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<(T1, T2)> ScalarsAsync<T1, T2>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetFieldValue<T1>(0), reader.GetFieldValue<T2>(1));
    }
}
