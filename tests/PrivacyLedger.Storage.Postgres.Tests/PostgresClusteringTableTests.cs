using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Storage.Postgres.Tests;

/// <summary>
/// Orleans' ADO.NET membership table on our clustering script, step by step through the membership protocol
/// (the silo-level proof is <see cref="PostgresSiloClusterTests"/>).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresClusteringTableTests(PostgresClusterFixture postgres) : IAsyncLifetime
{
    /// <summary>The providers take a service provider only to resolve an optional command interceptor.</summary>
    private static readonly IServiceProvider EmptyServices = new ServiceCollection().BuildServiceProvider();

    private static readonly DateTime Started = new(2026, 12, 6, 8, 0, 0, DateTimeKind.Utc);
    private readonly string _clusterId = $"cluster-{Guid.NewGuid():N}";
    private PostgresDatabase? _database;

    private PostgresDatabase Database => _database!;

    public async Task InitializeAsync()
    {
        _database = new PostgresDatabase(new PostgresStorageOptions
        {
            ConnectionString = postgres.ConnectionString,
            Schema = PostgresClusterFixture.SchemaFor(GetType()),
        });
        await new PostgresSchemaMigrator(_database).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private async Task<AdoNetClusteringTable> TableAsync()
    {
        var table = new AdoNetClusteringTable(
            EmptyServices,
            Options.Create(new ClusterOptions { ClusterId = _clusterId, ServiceId = "membership-tests" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = "Npgsql", DataSource = Database.DataSource }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        return table;
    }

    private static MembershipEntry Silo(int port, SiloStatus status) => new()
    {
        SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 1),
        Status = status,
        ProxyPort = port + 1000,
        HostName = "localhost",
        SiloName = $"silo-{port}",
        StartTime = Started,
        IAmAliveTime = Started,
    };

    [Fact]
    public async Task Rows_are_inserted_and_updated_only_against_the_current_table_version()
    {
        var table = await TableAsync();
        var empty = await table.ReadAllAsync();
        Assert.Empty(empty.Members);

        var silo = Silo(11111, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(silo, empty.Version.Next()));
        Assert.False(await table.InsertRowAsync(Silo(22222, SiloStatus.Joining), empty.Version.Next()));
        Assert.False(await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next()));

        var read = await table.ReadRowAsync(silo.SiloAddress);
        var (row, etag) = Assert.Single(read.Members);
        Assert.Equal(SiloStatus.Joining, row.Status);
        row.Status = SiloStatus.Active;
        Assert.False(await table.UpdateRowAsync(row, etag, empty.Version.Next()));
        Assert.True(await table.UpdateRowAsync(row, etag, read.Version.Next()));

        var after = await table.ReadAllAsync();
        Assert.Equal(read.Version.Version + 1, after.Version.Version);
        Assert.Equal(SiloStatus.Active, Assert.Single(after.Members).Item1.Status);
    }

    [Fact]
    public async Task A_heartbeat_moves_the_i_am_alive_time_without_a_new_table_version()
    {
        var table = await TableAsync();
        var silo = Silo(11111, SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next()));
        var before = await table.ReadAllAsync();

        silo.IAmAliveTime = Started.AddMinutes(1);
        await table.UpdateIAmAliveAsync(silo);

        var after = await table.ReadAllAsync();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(Started.AddMinutes(1), Assert.Single(after.Members).Item1.IAmAliveTime);
    }

    [Fact]
    public async Task Clients_see_only_active_silos_as_gateways()
    {
        var table = await TableAsync();
        Assert.True(await table.InsertRowAsync(Silo(11111, SiloStatus.Active), (await table.ReadAllAsync()).Version.Next()));
        Assert.True(await table.InsertRowAsync(Silo(22222, SiloStatus.Dead), (await table.ReadAllAsync()).Version.Next()));
        var gateways = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            EmptyServices,
            Options.Create(new AdoNetClusteringClientOptions { Invariant = "Npgsql", DataSource = Database.DataSource }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = _clusterId, ServiceId = "membership-tests" }));
        await gateways.InitializeGatewayListProvider();

        var uri = Assert.Single(await gateways.GetGateways());
        Assert.Equal(12111, uri.Port);
    }

    [Fact]
    public async Task Clean_up_removes_only_dead_silos_quiet_since_the_cut_off_suspicions_and_all()
    {
        var table = await TableAsync();
        var dead = Silo(11111, SiloStatus.Dead);
        dead.SuspectTimes = [Tuple.Create(Silo(22222, SiloStatus.Active).SiloAddress, Started.AddMinutes(1))];
        var recentlyDead = Silo(33333, SiloStatus.Dead);
        recentlyDead.IAmAliveTime = Started.AddDays(2);
        foreach (var silo in new[] { dead, Silo(22222, SiloStatus.Active), recentlyDead })
        {
            Assert.True(await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next()));
        }
        // Suspect times are written by an update, not an insert.
        var (stored, etag) = Assert.Single((await table.ReadRowAsync(dead.SiloAddress)).Members);
        stored.SuspectTimes = dead.SuspectTimes;
        Assert.True(await table.UpdateRowAsync(stored, etag, (await table.ReadAllAsync()).Version.Next()));

        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(Started.AddDays(1)));

        Assert.Equal([22222, 33333], (await table.ReadAllAsync()).Members.Select(member => member.Item1.SiloAddress.Endpoint.Port).Order());
    }

    [Fact]
    public async Task Deleting_the_cluster_removes_its_rows_and_version()
    {
        var table = await TableAsync();
        Assert.True(await table.InsertRowAsync(Silo(11111, SiloStatus.Active), (await table.ReadAllAsync()).Version.Next()));

        await table.DeleteMembershipTableEntriesAsync(_clusterId);

        await using var count = Database.DataSource.CreateCommand("SELECT count(*) FROM OrleansMembershipVersionTable WHERE DeploymentId = $1");
        count.Parameters.Add(new NpgsqlParameter { Value = _clusterId });
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }
}
