using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>A gateway in memory, configured as an operator would: through configuration keys only.</summary>
public sealed class GatewayFactory(
    IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null, bool stopsMidWork = false)
    : WebApplicationFactory<Program>
{
    /// <summary>
    /// A gateway's stop budget: an ordinary test's stop is graceful however busy the machine (a cancelled silo stop
    /// throws from Dispose, and may leave the silo's timers running); one standing for a dying process gets seconds.
    /// </summary>
    private static readonly TimeSpan GracefulShutdown = TimeSpan.FromSeconds(30), DyingShutdown = TimeSpan.FromSeconds(3);

    /// <summary>One key per role; the header value is the role's name followed by "-test-key".</summary>
    public static readonly IReadOnlyList<string> Roles = ["admin", "privacy-officer", "service", "marketing", "campaign-operator"];

    /// <summary>Everything the gateway logged during the test, to prove what never reaches a log.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    public static string KeyFor(string role) => $"{role}-test-key";

    /// <summary>The kid of the receipt-signing key every test gateway is given (a P-256 key made for the tests only).</summary>
    public const string TestSigningKid = "test-receipts";

    /// <summary>Its private half, base64 PKCS#8 DER: for tests only, never a deployment.</summary>
    public const string TestSigningKey = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgcviyumb1fZeFj8Cn0Gs2+LglrZ2oAgi5mTVSPKXun0ShRANCAASI8Uqlw89glTrkVV3TlJHxjCzer3qS7EOZya5mOAEiiwo7pbnmGczAg/5oejhdTa+phKI7ITLIoRffSQHuBnRs";

    /// <summary>
    /// Stops a gateway made with <c>stopsMidWork</c> as a test that stands for a dying process wants: when work is stuck
    /// in a grain, the silo's stop runs out of its few seconds and is cancelled, which is the point of such a test and
    /// not its failure.
    /// </summary>
    public async Task StopMidWorkAsync()
    {
        if (!stopsMidWork)
        {
            throw new InvalidOperationException("Only a gateway made with stopsMidWork stops mid-work.");
        }
        try
        {
            await DisposeAsync();
        }
        catch (OperationCanceledException)
        {
        }
    }

    public HttpClient ClientFor(string role)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", KeyFor(role));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Ledger:MasterKey", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("test-master-key-of-32-bytes-long")));
        builder.UseSetting("Ledger:SigningKeys:0:Kid", TestSigningKid);
        builder.UseSetting("Ledger:SigningKeys:0:PrivateKey", TestSigningKey);
        for (var i = 0; i < Roles.Count; i++)
        {
            builder.UseSetting($"Auth:ApiKeys:{i}:Name", $"test-{Roles[i]}");
            builder.UseSetting($"Auth:ApiKeys:{i}:Role", Roles[i]);
            builder.UseSetting($"Auth:ApiKeys:{i}:Key", KeyFor(Roles[i]));
        }
        // Background work (request and campaign wake-ups) on a test's time scale.
        builder.UseSetting("Ledger:RequestWorkInterval", "00:00:01");
        // A silo of its own on a free port, and no client gateway: gateways of parallel tests never collide.
        builder.UseSetting("Orleans:SiloPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", "0");
        // A cluster of its own: a gateway never waits to join, or vote out, the silos of the class's earlier tests
        // left in the membership table. Reminders and state are the service's (ServiceId), so a restart still sees them.
        builder.UseSetting("Orleans:ClusterId", $"test-{Guid.NewGuid():N}");
        builder.UseShutdownTimeout(stopsMidWork ? DyingShutdown : GracefulShutdown);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        if (configureServices is not null)
        {
            builder.ConfigureTestServices(configureServices);
        }
        // Only the capturing provider, which the tests read: console output of hundreds of gateways slowed the run and
        // buried the failures in CI's log.
        // Orleans pre-sizes each silo's grain directory cache for a million grains (two arrays of about 9 MB each, on the
        // large object heap). A test's silo holds a few hundred grains, and the suite starts hundreds of silos, which the
        // test host does not all let go of (WebApplicationFactory's entry-point threads keep their hosts): the arrays
        // made the host's heap grow by gigabytes and its collections take most of its time.
        builder.ConfigureTestServices(services => services.Configure<Orleans.Configuration.GrainDirectoryOptions>(directory => directory.CacheSize = 10_000));
        // The same for metrics: OpenTelemetry gives every metric stream room for 2,000 tag combinations up front (a 144 KB
        // array each, about 230 streams per gateway: 33 MB per kept gateway, most of the host's heap). A test's gateway
        // sees a handful of routes and outcomes.
        builder.ConfigureTestServices(services => services.ConfigureOpenTelemetryMeterProvider(
            metrics => metrics.AddView(_ => new MetricStreamConfiguration { CardinalityLimit = 100 })));
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(Logs).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Debug));
    }
}

/// <summary>
/// Base of gateway tests that run on both engines: a subclass says which storage the gateway is pointed at,
/// with <see cref="PostgresSettings"/> or <see cref="SqliteSettings"/>.
/// </summary>
public abstract class GatewayTestBase : IAsyncLifetime
{
    private GatewayFactory? _factory;
    private TemporaryDatabaseFile? _sqliteFile;

    protected abstract IReadOnlyDictionary<string, string?> StorageSettings();

    /// <summary>Extra settings and services a test class needs on top of storage.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings() => new Dictionary<string, string?>();

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>The class's shared gateway when the class takes a <see cref="ClassGateway"/>; null: a gateway per test.</summary>
    protected virtual ClassGateway? Shared => null;

    protected GatewayFactory Gateway => _factory ??= Shared?.GetOrCreate(() => NewGateway()) ?? NewGateway();

    /// <summary>
    /// Another gateway on the same storage, as after a restart; the caller disposes it (with
    /// <see cref="GatewayFactory.StopMidWorkAsync"/> if <paramref name="stopsMidWork"/>: it stands for a process that dies).
    /// </summary>
    protected GatewayFactory NewGateway(Action<IServiceCollection>? configureServices = null, bool stopsMidWork = false) =>
        new(StorageSettings().Concat(ExtraSettings()).ToDictionary(), configureServices ?? ConfigureServices, stopsMidWork);

    /// <summary>PostgreSQL from the collection's cluster, in a schema of this test class's own.</summary>
    protected IReadOnlyDictionary<string, string?> PostgresSettings(PostgresClusterFixture postgres) => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Ledger"] = postgres.ConnectionString,
        ["Ledger:Postgres:Schema"] = PostgresClusterFixture.SchemaFor(GetType()),
    };

    /// <summary>A SQLite file of this test's own (of its class's, with <see cref="Shared"/>), deleted afterwards.</summary>
    protected IReadOnlyDictionary<string, string?> SqliteSettings() => new Dictionary<string, string?>
    {
        ["Ledger:DataDirectory"] = Path.GetDirectoryName((Shared?.SqliteFile ?? (_sqliteFile ??= new TemporaryDatabaseFile())).Path),
    };

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        // A shared gateway is its class's, stopped when the class is done.
        if (_factory is not null && Shared is null)
        {
            await _factory.DisposeAsync();
        }
        _sqliteFile?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "postgres";
}

// More collections of PostgreSQL test classes, each with a cluster of its own. The classes of one collection run one
// after another: with the one collection above, the PostgreSQL half of the suite ran on one of the runner's threads
// and outlasted everything else by minutes. Spread the classes so that the collections' times are about equal.

[CollectionDefinition(Name)]
public sealed class PostgresCollection2 : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "postgres-2";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection3 : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "postgres-3";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection4 : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "postgres-4";
}
