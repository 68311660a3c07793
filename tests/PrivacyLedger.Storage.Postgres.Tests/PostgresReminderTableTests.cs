using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Testing;
using PrivacyLedger.Testing.Contracts;

namespace PrivacyLedger.Storage.Postgres.Tests;

/// <summary>Orleans' own ADO.NET reminder table, registered as the silo registers it, on our schema scripts.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReminderTableTests(PostgresClusterFixture postgres) : ReminderTableContract
{
    protected override void AddStorage(IServiceCollection services)
    {
        services.AddPostgresReminderTable(new PostgresStorageOptions
        {
            ConnectionString = postgres.ConnectionString,
            Schema = PostgresClusterFixture.SchemaFor(GetType()),
        });
        // Outside a silo nothing runs the silo's start-up step; the test base runs the registered storage initializers itself.
    }
}
