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
        foreach (var (version, name) in new[] { (3, "orleans_query"), (4, "orleans_clustering"), (5, "orleans_reminders") })
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
        explain.Parameters.Add(new() { Value = "privacy-ledger" });
        explain.Parameters.Add(new() { Value = asked.Select(grain => grain.Type).ToArray() });
        explain.Parameters.Add(new() { Value = asked.Select(grain => grain.Key).ToArray() });
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
    public void A_schema_name_that_is_not_a_plain_identifier_is_refused()
    {
        var options = new PostgresStorageOptions { ConnectionString = postgres.ConnectionString, Schema = "x\"; DROP TABLE y; --" };
        Assert.Throws<ArgumentException>(() => new PostgresDatabase(options));
    }
}
