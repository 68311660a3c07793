using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Storage;
using Xunit;

namespace PrivacyLedger.Testing;

/// <summary>
/// Base of every test that needs real storage. A subclass per engine says how to register it; the tests
/// themselves are written once. <see cref="CreateServices"/> can be called again for a second "node" on
/// the same database.
/// </summary>
public abstract class StorageTestBase : IAsyncLifetime
{
    private readonly List<ServiceProvider> _providers = [];
    private TemporaryDatabaseFile? _sqliteFile;

    public ManualTimeProvider Clock { get; } = new();

    /// <summary>A SQLite file of this test's own (for the SQLite subclasses), deleted after the test.</summary>
    protected TemporaryDatabaseFile SqliteFile => _sqliteFile ??= new TemporaryDatabaseFile();

    /// <summary>Registers this engine's storage, pointing at this test class's database.</summary>
    protected abstract void AddStorage(IServiceCollection services);

    /// <summary>A service provider with storage (initialized) and the manual clock; disposed after the test.</summary>
    public async Task<ServiceProvider> CreateServicesAsync(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        AddStorage(services);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        foreach (var initializer in provider.GetServices<IStorageInitializer>())
        {
            await initializer.InitializeAsync();
        }
        return provider;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
        _sqliteFile?.Dispose();
    }
}
