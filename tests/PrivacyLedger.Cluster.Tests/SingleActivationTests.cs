using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Subjects;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Cluster.Tests;

[Collection(PostgresCollection.Name)]
public sealed class SingleActivationTests(PostgresClusterFixture postgres) : LedgerClusterTestBase(postgres)
{
    [Fact]
    public async Task Consent_changes_sent_from_both_silos_at_once_reach_one_activation_and_none_is_lost()
    {
        const int PerSilo = 40;
        var subjectId = "both-silos";
        await Client.GetGrain<ISubjectGrain>(subjectId).EnrolAsync(People.Enrolment(SampleRegisters.PkTerveys, "both@example.fi"), Tester);
        // The subject grain refuses consents to purposes no register defines, so one new register defines all 80.
        var sample = (await Client.GetGrain<IRegisterGrain>(SampleRegisters.PkTerveys).GetAsync())!.Definition;
        var purposes = Enumerable.Range(0, Cluster.Silos.Count).SelectMany(s => Enumerable.Range(0, PerSilo).Select(i => PurposeId(s, i)))
            .Select(id => new Purpose { Id = id, LegalBasis = LegalBasis.Consent }).ToList();
        await Client.GetGrain<IRegisterGrain>("cluster-purposes").PutAsync(sample with { Id = "cluster-purposes", Purposes = purposes }, Tester);

        // Each silo calls through its own grain factory, so the calls start on both silos and race each other.
        var changes = Cluster.Silos.SelectMany((silo, s) =>
        {
            var grains = silo.ServiceProvider.GetRequiredService<IGrainFactory>();
            return Enumerable.Range(0, PerSilo).Select(i =>
                grains.GetGrain<ISubjectGrain>(subjectId).GrantConsentAsync(PurposeId(s, i), new ConsentChange(["email"], "cluster-test", null), Tester));
        });
        await Task.WhenAll(changes);

        var activations = await Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        Assert.Single(activations, activation => activation.GrainId.ToString() == $"{SubjectGrain.TypeName}/{subjectId}");
        var subject = await Client.GetGrain<ISubjectGrain>(subjectId).ReadAsync(Tester);
        Assert.Equal(2 * PerSilo, subject.Consents.Count);
        var verification = await Client.GetGrain<ISubjectGrain>(subjectId).VerifyLedgerAsync();
        Assert.True(verification.Valid);
        // Created, identifier, contact, membership, one event per consent, and the read above.
        Assert.Equal(4 + 2 * PerSilo + 1, verification.Events);
    }

    private static string PurposeId(int silo, int i) => $"purpose-{silo}-{i}";
}
