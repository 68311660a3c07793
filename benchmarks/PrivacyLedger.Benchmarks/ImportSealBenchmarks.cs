using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Benchmarks;

// What an import seals for one new person (SubjectImporter.Build): the subject.imported event and the state's personal
// fields (the identity code among them). Since issue 13's bundle the fields are one ciphertext (SealedBundle), the
// identity code too; before, each field and the identity code were sealed on their own. Run in this tree and in the
// tree before for the comparison: dotnet run -c Release --project benchmarks/PrivacyLedger.Benchmarks -- --filter '*ImportSeal*'
public class ImportSealBenchmarks
{
    private const string SubjectId = "0193a5b2c4d87e6f9a1b2c3d4e5f6a7b";
    private static readonly DateTimeOffset At = new(2026, 12, 7, 1, 50, 12, TimeSpan.Zero);
    private static readonly Actor Importer = new("import", "admin");
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly SubjectIdentifier[] _identifiers =
    [
        new(IdentifierKind.Email, "person17@example.fi"), new(IdentifierKind.Phone, "+358400000017"),
        new(IdentifierKind.CustomerNumber, "C00000017"), new(IdentifierKind.Hetu, "131052-308T"),
    ];
    private readonly ContactData _contact = new() { GivenName = "Aino", FamilyName = "Virtanen", Address = "Testikatu 18, 00117 Helsinki", Language = "fi" };

    [Benchmark(Description = "Person sealed, one prepared key")]
    public SubjectState OneKey()
    {
        using var sealer = new FieldSealer(SubjectId, _key);
        var state = NewState();
        foreach (var identifier in _identifiers)
        {
            state.Identifiers.Add(EnrolmentRules.Protect(identifier, identifier.Value));
        }
        state.Chain(Draft(state), sealer);
        state.SealWith(sealer);
        return state;
    }

    private SubjectState NewState() => new() { SubjectId = SubjectId, CreatedAt = At, Contact = _contact };

    private static LedgerEntryDraft Draft(SubjectState state) =>
        new(At, LedgerEventTypes.SubjectImported, Importer, null, null, new { identifiers = state.Identifiers.Select(held => held.DisplayOpened(null)), contact = state.Contact?.Opened });
}
