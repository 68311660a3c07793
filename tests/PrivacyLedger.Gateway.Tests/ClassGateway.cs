using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// One gateway for all the tests of a class (an xUnit class fixture), for a test class whose tests need no gateway of
/// their own: each start and stop of a gateway with its silo costs about a second of the 2-core machine, and the test
/// host keeps every stopped one in memory. Its tests keep their data apart by fresh ids, as tests on PostgreSQL always
/// had to (a class's PostgreSQL schema outlives each test). A class opts in by taking it in its constructor and
/// returning it from <see cref="GatewayTestBase.Shared"/>; xUnit runs a class's tests one at a time, so no locking.
/// </summary>
public sealed class ClassGateway : IAsyncLifetime
{
    private GatewayFactory? _gateway;
    private TemporaryDatabaseFile? _sqliteFile;

    /// <summary>The class's SQLite file, which its restarted gateways (<see cref="GatewayTestBase.NewGateway"/>) share too.</summary>
    internal TemporaryDatabaseFile SqliteFile => _sqliteFile ??= new TemporaryDatabaseFile();

    /// <summary>The class's gateway, made by its first test.</summary>
    internal GatewayFactory GetOrCreate(Func<GatewayFactory> create) => _gateway ??= create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
        _sqliteFile?.Dispose();
    }
}
