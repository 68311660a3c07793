using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Imports;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Ledger.Tests.Imports;

/// <summary>
/// A person's hashes are what a bulk load claims for them: each exactly once (a key claimed twice in one load fails its
/// copy into the index), in the order first met, whether named twice on one line or on several.
/// </summary>
public sealed class ImportPersonTests
{
    [Fact]
    public void One_line_keeps_its_hashes_and_an_identifier_named_twice_on_it_is_claimed_once()
    {
        var single = Person(["a", "b", "c"]);
        Assert.Equal(["a", "b", "c"], single.Hashes);

        Assert.Equal(["a", "b", "c"], Person(["a", "b", "a", "c", "b"]).Hashes);
    }

    [Fact]
    public void Lines_of_one_person_claim_each_hash_once_in_the_order_first_met()
    {
        var person = Person(["a", "b"], ["c", "a"], ["b", "d", "d"]);

        Assert.Equal(["a", "b", "c", "d"], person.Hashes);
    }

    [Fact]
    public void A_line_added_later_is_in_the_hashes()
    {
        var person = Person(["a"]);
        Assert.Equal(["a"], person.Hashes);

        person.Add(Row(["b", "a"]));

        Assert.Equal(["a", "b"], person.Hashes);
    }

    private static SubjectImporter.Person Person(params string[][] lines)
    {
        var person = new SubjectImporter.Person();
        foreach (var hashes in lines)
        {
            person.Add(Row(hashes));
        }
        return person;
    }

    private static SubjectImporter.HashedRow Row(string[] hashes) =>
        new(new ImportRow(1, new Enrolment("r", [.. hashes.Select(hash => new SubjectIdentifier(IdentifierKind.CustomerNumber, hash))], null, new ContactData(), [], null, null)), hashes);
}
