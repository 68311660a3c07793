using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using PrivacyLedger.Testing;
using PrivacyLedger.Testing.Silos;

namespace PrivacyLedger.Storage.Sqlite.Tests;

/// <summary>A single-node silo with <see cref="SqliteSiloBuilderExtensions.UseSqliteReminders"/>, as the embedded default runs.</summary>
public sealed class SqliteSiloReminderTests : IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);
    private readonly TemporaryDatabaseFile _file = new();
    private readonly string _serviceId = $"sqlite-silo-{Guid.NewGuid():N}";

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task A_reminder_registered_before_a_restart_ticks_again_after_it_without_registering()
    {
        var before = new TickLog();
        await using (var first = await StartSiloAsync(before))
        {
            var host = await first.Client.GetGrain<IReminderProbeGrain>("probe").StartTicking(TimeSpan.FromSeconds(1));
            Assert.True(await Eventually.TrueAsync(() => before.Received("probe", host), Within), "no tick before the restart");
        }

        var after = new TickLog();
        await using var second = await StartSiloAsync(after);

        var silo = Assert.Single(second.Silos).SiloAddress;
        Assert.True(await Eventually.TrueAsync(() => after.Received("probe", silo), Within), "no tick after the restart");
    }

    private async Task<InProcessTestCluster> StartSiloAsync(TickLog ticks)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.Options.ServiceId = _serviceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseSqliteReminders(new SqliteStorageOptions { DatabasePath = _file.Path });
            silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.AddSingleton(ticks);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
