using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>A gateway in memory, configured as an operator would: through configuration keys only.</summary>
public sealed class GatewayFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

/// <summary>
/// Base of gateway tests that run on both engines: a subclass says which storage the gateway is pointed at.
/// </summary>
public abstract class GatewayTestBase : IAsyncLifetime
{
    private GatewayFactory? _factory;

    protected abstract IReadOnlyDictionary<string, string?> StorageSettings();

    protected GatewayFactory Gateway => _factory ??= new GatewayFactory(StorageSettings());

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}

public abstract class PostgresGatewayTestBase(PostgresClusterFixture postgres) : GatewayTestBase
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Ledger"] = postgres.ConnectionString,
        ["Ledger:Postgres:Schema"] = PostgresClusterFixture.SchemaFor(GetType()),
    };
}

public abstract class SqliteGatewayTestBase : GatewayTestBase
{
    private readonly TemporaryDatabaseFile _file = new();

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => new Dictionary<string, string?>
    {
        ["Ledger:DataDirectory"] = Path.GetDirectoryName(_file.Path),
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _file.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "postgres";
}
