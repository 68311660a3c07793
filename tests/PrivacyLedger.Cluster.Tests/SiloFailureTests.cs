using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Ledger.Campaigns;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Requests;
using PrivacyLedger.Ledger.Subjects;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Cluster.Tests;

/// <summary>
/// A silo dies (killed: no deactivation, no goodbye to the cluster) while work it drives is half done; the survivor
/// learns of the death through the membership table, the work's reminder fires there, and it finishes from its last
/// commit. Every person ends up accounted for once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloFailureTests(PostgresClusterFixture postgres) : LedgerClusterTestBase(postgres)
{
    // Each subject's rights task takes at least this long, so an erasure fan-out across three registers can be caught mid-way.
    private readonly DelayingCallFilter _slowTasks = new(nameof(ISubjectGrain.ExecuteRightsTaskAsync), TimeSpan.FromMilliseconds(700));

    protected override void ConfigureSiloServices(IServiceCollection services) => services.AddSingleton<IIncomingGrainCallFilter>(_slowTasks);

    [Fact]
    public async Task A_purge_whose_silo_is_killed_midway_finishes_on_the_survivor_with_everyone_erased_once()
    {
        const int Count = 300;
        var ids = await People.EnrolManyAsync(Client, "purge", Count, SampleRegisters.PkTerveys, Tester);
        var campaign = Client.GetGrain<ICampaignGrain>("purge-under-fire");
        // Paced so that the kill lands in the middle: 300 people at 30 a second take about ten seconds, more than the
        // survivor needs to declare the victim dead and read the campaign back.
        await campaign.StartAsync(new NewCampaign(CampaignKind.RegisterPurge, SampleRegisters.PkTerveys,
            new CampaignSelector { InactiveSince = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero) }, DryRun: false, MaxPerSecond: 30), Tester);
        Assert.True(await Eventually.TrueAsync(async () => (await campaign.GetAsync())!.Processed > 0, Within), "the purge never started");

        var victim = await HostOfAsync(campaign);
        await Cluster.KillSiloAsync(Cluster.Silos.Single(silo => silo.SiloAddress.Equals(victim)));
        var processedAtKill = (await GetWithRetryAsync(campaign.GetAsync))!.Processed;

        Assert.True(await Eventually.TrueAsync(async () => (await GetWithRetryAsync(campaign.GetAsync))!.Status == CampaignStatus.Completed, Within),
            "the purge did not finish on the survivor");
        var view = (await campaign.GetAsync())!;
        Assert.NotEqual(victim, await HostOfAsync(campaign));
        Assert.True(processedAtKill < Count, $"the kill came after the purge had finished ({processedAtKill} processed)");
        Assert.Equal(Count, view.Total);
        Assert.Equal(Count, view.Processed);
        Assert.Equal(Count, view.Erased);
        var survivor = Cluster.Silos.Single().ServiceProvider;
        var items = await survivor.GetRequiredService<CampaignItems>().ListAsync("purge-under-fire", null, null, Count + 1);
        Assert.Equal(ids, items.Items.Select(item => item.SubjectId));
        Assert.All(items.Items, item => Assert.Equal(CampaignItemStatus.Erased, item.Status));
        Assert.Empty((await survivor.GetRequiredService<RegisterMembers>().ListAsync(SampleRegisters.PkTerveys, null, 10)).Items);
        foreach (var id in ids.Take(20))
        {
            var ledger = await Client.GetGrain<ISubjectGrain>(id).VerifyLedgerAsync();
            Assert.True(ledger.Valid);
        }
    }

    [Fact]
    public async Task An_erasure_whose_silo_is_killed_mid_fan_out_completes_on_the_survivor()
    {
        const string SubjectId = "fan-out";
        var subject = Client.GetGrain<ISubjectGrain>(SubjectId);
        await subject.EnrolAsync(People.Enrolment(SampleRegisters.Corporate, "fan@example.fi", "contact-person"), Tester);
        await subject.EnrolAsync(People.Enrolment(SampleRegisters.PkTerveys, "fan@example.fi", "feedback"), Tester);
        await subject.EnrolAsync(People.Enrolment(SampleRegisters.Elamasi, "fan@example.fi", "basic-data"), Tester);
        var request = Client.GetGrain<IRightsRequestGrain>("erasure-under-fire");
        await request.CreateAsync(new NewRequest(RequestType.Erasure, SubjectId, null, null, RequestChannel.Email, null), Tester);
        var victim = await HostOfAsync(request);
        // Verification runs the fan-out inside its own turn (so the request cannot be read meanwhile); that call dies with its silo.
        _ = request.VerifyAsync(VerificationMethod.InPerson, "desk", Tester);
        // The second register's task has begun: the first is done and saved, two are left.
        Assert.True(await Eventually.TrueAsync(() => _slowTasks.Started >= 2, Within), "the fan-out did not reach its second register");
        await Cluster.KillSiloAsync(Cluster.Silos.Single(silo => silo.SiloAddress.Equals(victim)));
        var startedAtKill = _slowTasks.Started;

        Assert.True(await Eventually.TrueAsync(async () => (await GetWithRetryAsync(request.GetAsync))!.Status == RequestStatus.Completed, Within),
            "the erasure did not complete on the survivor");
        Assert.True(startedAtKill < 3, $"the kill came after the fan-out had begun every task ({startedAtKill})");
        var after = (await request.GetAsync())!;
        Assert.Equal(3, after.Tasks.Count);
        Assert.All(after.Tasks, task => Assert.Equal(RightsTaskStatus.Done, task.Status));
        await Assert.ThrowsAsync<Ledger.LedgerNotFoundException>(() => subject.ReadAsync(Tester));
        var ledger = await subject.VerifyLedgerAsync();
        Assert.True(ledger.Valid);
    }

    /// <summary>Right after a kill, calls to grains that were on the dead silo fail until the survivor declares it dead.</summary>
    private static async Task<T> GetWithRetryAsync<T>(Func<Task<T>> get)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await get();
            }
            catch (Exception exception) when (attempt < 100 && exception is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
            {
                await Task.Delay(200);
            }
        }
    }
}
