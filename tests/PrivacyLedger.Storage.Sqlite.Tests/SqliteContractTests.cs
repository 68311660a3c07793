using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Testing;
using PrivacyLedger.Testing.Contracts;

namespace PrivacyLedger.Storage.Sqlite.Tests;

public sealed class SqliteGrainStateStoreTests : GrainStateStoreContract
{
    private readonly TemporaryDatabaseFile _file = new();

    protected override void AddStorage(IServiceCollection services) => services.AddSqliteStorage(options => options.DatabasePath = _file.Path);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _file.Dispose();
    }
}

public sealed class SqliteReminderStoreTests : ReminderStoreContract
{
    private readonly TemporaryDatabaseFile _file = new();

    protected override void AddStorage(IServiceCollection services) => services.AddSqliteStorage(options => options.DatabasePath = _file.Path);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _file.Dispose();
    }
}

public sealed class SqliteStreamsSetsIndexesTests : StreamsSetsIndexesContract
{
    private readonly TemporaryDatabaseFile _file = new();

    protected override void AddStorage(IServiceCollection services) => services.AddSqliteStorage(options => options.DatabasePath = _file.Path);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _file.Dispose();
    }
}
