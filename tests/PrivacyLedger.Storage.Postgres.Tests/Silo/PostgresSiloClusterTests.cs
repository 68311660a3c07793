using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;
using PrivacyLedger.Testing;
using PrivacyLedger.Testing.Silos;

namespace PrivacyLedger.Storage.Postgres.Tests.Silo;

/// <summary>
/// Two in-process silos on Orleans' ADO.NET membership and reminders in a schema of this class's own, wired by
/// <see cref="PostgresSiloBuilderExtensions.UsePostgresClusteringAndReminders"/>: real failure detection through
/// our membership table, and reminders that move to the survivor.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSiloClusterTests(PostgresClusterFixture postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);
    private readonly TickLog _ticks = new();
    private InProcessTestCluster? _cluster;
    private PostgresDatabase? _database;

    private InProcessTestCluster Cluster => _cluster!;

    public async Task InitializeAsync()
    {
        var storage = new PostgresStorageOptions
        {
            ConnectionString = postgres.ConnectionString,
            Schema = PostgresClusterFixture.SchemaFor(GetType()),
        };
        _database = new PostgresDatabase(storage);
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.Options.UseMembershipOfTheSilos();
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UsePostgresClusteringAndReminders(storage);
            silo.UseFastFailureDetection();
            silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.AddSingleton(_ticks);
        });
        // The client finds the gateways in the same membership table.
        builder.ConfigureClient(client => client.UseAdoNetClustering(options =>
        {
            options.Invariant = "Npgsql";
            options.DataSource = _database.DataSource;
        }));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Both_silos_are_active_in_the_postgres_membership_table()
    {
        var rows = await MembershipAsync();

        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Equal(SiloStatus.Active, row.Status));
        Assert.Equal(
            Cluster.Silos.Select(silo => silo.SiloAddress.Endpoint.Port).Order(),
            rows.Select(row => row.Port).Order());
    }

    [Fact]
    public async Task A_reminder_ticks_and_keeps_ticking_on_the_survivor_after_its_grains_silo_is_killed()
    {
        var grain = Cluster.Client.GetGrain<IReminderProbeGrain>("probe");
        var host = await grain.StartTicking(TimeSpan.FromSeconds(1));
        Assert.True(await Eventually.TrueAsync(() => _ticks.Received("probe", host), Within), "no tick on the grain's silo");

        var victim = Cluster.Silos.Single(silo => silo.SiloAddress.Equals(host));
        var survivor = Cluster.Silos.Single(silo => !silo.SiloAddress.Equals(host));
        await Cluster.KillSiloAsync(victim);

        Assert.True(await Eventually.TrueAsync(() => _ticks.Received("probe", survivor.SiloAddress), Within), "no tick on the survivor");
        var rows = await MembershipAsync();
        Assert.Equal(SiloStatus.Dead, rows.Single(row => row.Port == host.Endpoint.Port).Status);
        Assert.Equal(SiloStatus.Active, rows.Single(row => row.Port == survivor.SiloAddress.Endpoint.Port).Status);
    }

    private async Task<List<(int Port, SiloStatus Status)>> MembershipAsync()
    {
        await using var command = _database!.DataSource.CreateCommand(
            "SELECT Port, Status FROM OrleansMembershipTable WHERE DeploymentId = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = Cluster.Options.ClusterId });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, SiloStatus)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), (SiloStatus)reader.GetInt32(1)));
        }
        return rows;
    }
}
