using System.Security.Cryptography;
using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Ledger.Tests.Subjects;

/// <summary>
/// Subject states as the bulk import leaves them (SubjectImporter.Build) for a person of the import benchmark's file
/// (benchmarks/PrivacyLedger.ImportBenchmark/PeopleFile.cs): e-mail, phone and customer number, every third person an
/// identity code, contact data, one register membership, one ledger event, every personal field sealed.
/// </summary>
internal static class ImportedPeople
{
    public static readonly DateTimeOffset ImportedAt = new DateTimeOffset(2026, 12, 7, 1, 30, 0, TimeSpan.Zero).AddTicks(1_234_567);

    /// <summary>Person <paramref name="i"/>, sealed under <paramref name="dataKey"/>.</summary>
    public static SubjectState Person(int i, string subjectId, byte[] dataKey, bool withIdentityCode)
    {
        var state = new SubjectState { SubjectId = subjectId, CreatedAt = ImportedAt };
        List<SubjectIdentifier> identifiers =
        [
            new(IdentifierKind.Email, $"person{i}@example.fi"),
            new(IdentifierKind.Phone, $"+35840{i:D7}"),
            new(IdentifierKind.CustomerNumber, $"C{i:D8}"),
        ];
        if (withIdentityCode)
        {
            identifiers.Add(new(IdentifierKind.Hetu, "131052-308T"));
        }
        foreach (var identifier in identifiers)
        {
            // Keyed hashes are 16 bytes as lowercase hex, as IdentifierIndex.Hash makes them.
            var hash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{subjectId}/{identifier.Value}"))[..IdentifierIndex.HashBytes]);
            state.Identifiers.Add(EnrolmentRules.Protect(identifier, hash));
        }
        state.Contact = new ContactData { GivenName = "Väinö", FamilyName = "Hämäläinen", Address = $"Testikatu {i % 200 + 1}, 00{i % 990 + 100:D3} Helsinki", Language = "fi" };
        state.Memberships["perhelaakarit-customers"] = new Membership($"perh-{i}", ImportedAt, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i), "benchmark-export",
            new Dictionary<string, CategoryRecord>(StringComparer.Ordinal) { ["basic-data"] = new CategoryRecord(ImportedAt) });
        state.Chain(new LedgerEntryDraft(ImportedAt, LedgerEventTypes.SubjectImported, new Actor("import", "service"), null, null, new { i }), dataKey);
        using var sealer = new FieldSealer(subjectId, dataKey);
        state.SealWith(sealer);
        return state;
    }
}
