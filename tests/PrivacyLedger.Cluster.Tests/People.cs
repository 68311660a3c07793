using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Cluster.Tests;

/// <summary>Test people enrolled straight on their subject grains, under subject ids of the test's choosing.</summary>
internal static class People
{
    public static Enrolment Enrolment(string registerId, string email, params string[] categories) => new(
        registerId,
        [new SubjectIdentifier(IdentifierKind.Email, email)],
        ExternalId: null,
        new ContactData { GivenName = "Testi", Email = email },
        [.. categories.Select(category => new CategoryCollection(category, null))],
        Source: "cluster-test",
        LastActivityAt: new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>Enrols <paramref name="count"/> people (ids <c>{prefix}-0000</c>…) into the register, a few at a time.</summary>
    public static async Task<IReadOnlyList<string>> EnrolManyAsync(IGrainFactory grains, string prefix, int count, string registerId, Actor actor)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D4}").ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, _) =>
            await grains.GetGrain<ISubjectGrain>(id).EnrolAsync(Enrolment(registerId, $"{id}@example.fi"), actor));
        return ids;
    }
}
