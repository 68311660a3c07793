using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.TestingHost;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Hosting;
using PrivacyLedger.Ledger.Receipts;
using PrivacyLedger.Ledger.Requests;
using PrivacyLedger.Storage.Postgres;
using PrivacyLedger.Testing;
using PrivacyLedger.Testing.Silos;

namespace PrivacyLedger.Cluster.Tests;

/// <summary>
/// Two silos of the ledger on PostgreSQL, as a cluster of gateways runs it: our batched grain storage, Orleans'
/// ADO.NET membership and reminders in the same schema, the sample registers loaded at start-up. Each test gets a
/// cluster and a schema of its own, since tests kill silos and purge registers. The client talks to the silos over
/// TCP, so every message a test sends or receives is serialized.
/// </summary>
public abstract class LedgerClusterTestBase(PostgresClusterFixture postgres) : IAsyncLifetime
{
    protected static readonly TimeSpan Within = TimeSpan.FromSeconds(45);
    protected static readonly Actor Tester = new("cluster-test", "admin");
    private static readonly string MasterKey = Convert.ToBase64String("test-master-key-of-32-bytes-long"u8.ToArray());

    // Completed requests are signed on the silo: a receipt key of this test run's own.
    private static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKey());
    private InProcessTestCluster? _cluster;

    protected InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    protected IGrainFactory Client => Cluster.Client;

    protected PostgresStorageOptions Storage { get; } = new()
    {
        ConnectionString = postgres.ConnectionString,
        Schema = $"c_{Guid.NewGuid():N}"[..20],
    };

    /// <summary>Extra silo services a test class needs (call filters, for instance).</summary>
    protected virtual void ConfigureSiloServices(IServiceCollection services)
    {
    }

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.Options.UseMembershipOfTheSilos();
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddPostgresStorage(options =>
            {
                options.ConnectionString = Storage.ConnectionString;
                options.Schema = Storage.Schema;
            });
            silo.UsePostgresClusteringAndReminders(Storage);
            silo.UseFastFailureDetection();
            silo.AddLedger(options =>
            {
                options.MasterKey = MasterKey;
                options.RegistersPath = SampleRegisters.Folder;
                options.RequestWorkInterval = TimeSpan.FromSeconds(1);
            });
            silo.Services.AddSingleton<INotificationSender, NoNotifications>();
            silo.Services.AddReceipts(options => options.SigningKeys.Add(new SigningKeyOptions { Kid = "cluster-tests", PrivateKey = SigningKey }));
            ConfigureSiloServices(silo.Services);
        });
        builder.ConfigureClient(client =>
        {
            client.Services.AddSerializer(serializer => serializer.AddLedgerSerialization());
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = Storage.ConnectionString + $";Search Path={Storage.Schema}";
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        // The registers are loaded by a start-up task of each silo; wait until they answer.
        Assert.True(await Eventually.TrueAsync(async () => await Client.GetGrain<Ledger.Registers.IRegisterGrain>(SampleRegisters.PkTerveys).GetAsync() is not null, Within));
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>The silo the grain is active on now.</summary>
    protected async Task<SiloAddress> HostOfAsync(IAddressable grain) =>
        await Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain)
        ?? throw new InvalidOperationException("The grain has no activation.");
}
