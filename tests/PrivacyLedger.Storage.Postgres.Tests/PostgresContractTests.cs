using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Testing;
using PrivacyLedger.Testing.Contracts;

namespace PrivacyLedger.Storage.Postgres.Tests;

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "postgres";
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStateStoreTests(PostgresClusterFixture postgres) : GrainStateStoreContract
{
    protected override void AddStorage(IServiceCollection services) => services.AddPostgresStorage(options =>
    {
        options.ConnectionString = postgres.ConnectionString;
        options.Schema = PostgresClusterFixture.SchemaFor(GetType());
    });
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresStreamsSetsIndexesTests(PostgresClusterFixture postgres) : StreamsSetsIndexesContract
{
    protected override void AddStorage(IServiceCollection services) => services.AddPostgresStorage(options =>
    {
        options.ConnectionString = postgres.ConnectionString;
        options.Schema = PostgresClusterFixture.SchemaFor(GetType());
    });
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresBulkGrainLoaderTests(PostgresClusterFixture postgres) : BulkGrainLoaderContract
{
    protected override void AddStorage(IServiceCollection services) => services.AddPostgresStorage(options =>
    {
        options.ConnectionString = postgres.ConnectionString;
        options.Schema = PostgresClusterFixture.SchemaFor(GetType());
    });
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresCompactKeysTests(PostgresClusterFixture postgres) : CompactKeysContract
{
    protected override void AddStorage(IServiceCollection services) => services.AddPostgresStorage(options =>
    {
        options.ConnectionString = postgres.ConnectionString;
        options.Schema = PostgresClusterFixture.SchemaFor(GetType());
    });
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresChainedStreamTests(PostgresClusterFixture postgres) : ChainedStreamContract
{
    protected override void AddStorage(IServiceCollection services) => services.AddPostgresStorage(options =>
    {
        options.ConnectionString = postgres.ConnectionString;
        options.Schema = PostgresClusterFixture.SchemaFor(GetType());
    });
}
