using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Storage.Postgres;
using PrivacyLedger.Storage.Sqlite;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Runtime.Tests;

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "postgres";
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresRuntimeTests(PostgresClusterFixture postgres) : RuntimeTests
{
    protected override void AddStorage(IServiceCollection services) => services.AddPostgresStorage(options =>
    {
        options.ConnectionString = postgres.ConnectionString;
        options.Schema = PostgresClusterFixture.SchemaFor(GetType());
    });
}

public sealed class SqliteRuntimeTests : RuntimeTests
{
    protected override void AddStorage(IServiceCollection services) => services.AddSqliteStorage(options => options.DatabasePath = SqliteFile.Path);
}
