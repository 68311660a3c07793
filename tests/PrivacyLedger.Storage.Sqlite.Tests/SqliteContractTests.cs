using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Testing;
using PrivacyLedger.Testing.Contracts;

namespace PrivacyLedger.Storage.Sqlite.Tests;

public sealed class SqliteGrainStateStoreTests : GrainStateStoreContract
{
    protected override void AddStorage(IServiceCollection services) => services.AddSqliteStorage(options => options.DatabasePath = SqliteFile.Path);
}

public sealed class SqliteStreamsSetsIndexesTests : StreamsSetsIndexesContract
{
    protected override void AddStorage(IServiceCollection services) => services.AddSqliteStorage(options => options.DatabasePath = SqliteFile.Path);
}

public sealed class SqliteBulkGrainLoaderTests : BulkGrainLoaderContract
{
    protected override void AddStorage(IServiceCollection services) => services.AddSqliteStorage(options => options.DatabasePath = SqliteFile.Path);
}

public sealed class SqliteCompactKeysTests : CompactKeysContract
{
    protected override void AddStorage(IServiceCollection services) => services.AddSqliteStorage(options => options.DatabasePath = SqliteFile.Path);
}

public sealed class SqliteChainedStreamTests : ChainedStreamContract
{
    protected override void AddStorage(IServiceCollection services) => services.AddSqliteStorage(options => options.DatabasePath = SqliteFile.Path);
}
