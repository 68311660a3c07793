using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using PrivacyLedger.Testing.Contracts;

namespace PrivacyLedger.Storage.Sqlite.Tests;

public sealed class SqliteReminderTableTests : ReminderTableContract
{
    protected override void AddStorage(IServiceCollection services) =>
        services.AddSqliteReminderTable(new SqliteStorageOptions { DatabasePath = SqliteFile.Path });

    [Fact]
    public async Task Rows_survive_a_restart_on_the_same_file()
    {
        var grain = GrainId.Create("sweeper", "restart");
        string? etag;
        await using (var database = new SqliteDatabase(new SqliteStorageOptions { DatabasePath = SqliteFile.Path }))
        {
            var table = new SqliteReminderTable(database, ServiceId);
            await table.StartAsync();
            etag = await table.UpsertRow(Entry(grain, "r"));
        }

        await using var reopened = new SqliteDatabase(new SqliteStorageOptions { DatabasePath = SqliteFile.Path });
        var again = new SqliteReminderTable(reopened, ServiceId);
        await again.StartAsync();

        var row = await again.ReadRow(grain, "r");
        Assert.NotNull(row);
        Assert.Equal(etag, row.ETag);
        Assert.Equal(grain, Assert.Single((await again.ReadRows(0, 0)).Reminders).GrainId);
    }

    [Fact]
    public async Task Services_sharing_a_file_keep_their_reminders_apart()
    {
        await using var database = new SqliteDatabase(new SqliteStorageOptions { DatabasePath = SqliteFile.Path });
        var mine = new SqliteReminderTable(database, ServiceId);
        var theirs = new SqliteReminderTable(database, "another-service");
        await mine.StartAsync();
        var grain = GrainId.Create("sweeper", "shared");
        await theirs.UpsertRow(Entry(grain, "r"));

        Assert.Null(await mine.ReadRow(grain, "r"));
        Assert.Empty((await mine.ReadRows(0, 0)).Reminders);
        await mine.TestOnlyClearTable();
        Assert.NotNull(await theirs.ReadRow(grain, "r"));
    }
}
