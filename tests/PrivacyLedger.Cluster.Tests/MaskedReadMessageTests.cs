using PrivacyLedger.Ledger.Subjects;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Cluster.Tests;

/// <summary>The console's masked read through the Orleans client: its answer (<see cref="SubjectOverview"/>) crosses the wire.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MaskedReadMessageTests(PostgresClusterFixture postgres) : LedgerClusterTestBase(postgres)
{
    [Fact]
    public async Task A_masked_read_answers_over_the_wire_with_the_contact_masked_and_the_ledger_outlined()
    {
        var subject = Client.GetGrain<ISubjectGrain>("masked");
        await subject.EnrolAsync(People.Enrolment(SampleRegisters.PkTerveys, "masked@example.fi", "basic-data"), Tester);

        var overview = await subject.ReadMaskedAsync(0, 100, Tester);

        Assert.Equal("T•••", overview.Subject.Contact.GivenName);
        Assert.Equal("m•••", overview.Subject.Identifiers.Single().Value);
        Assert.Equal([SampleRegisters.PkTerveys], overview.Subject.Memberships.Select(m => m.RegisterId));
        Assert.Equal("personal-data.read", overview.Ledger.Items[^1].Type);
        Assert.All(overview.Ledger.Items, item => Assert.Null(item.Data));
        Assert.Null(overview.Ledger.Next);
    }
}
