using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Benchmarks;

// What an import seals for one new person (SubjectImporter.Build): the identity code, the subject.imported event and
// the state's personal fields. Before, each of the three prepared its own AES key from the raw data key; now one
// prepared key (FieldSealer) serves them all. Run: dotnet run -c Release --project benchmarks/PrivacyLedger.Benchmarks -- --filter '*ImportSeal*'
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

    [Benchmark(Baseline = true, Description = "Person sealed, a prepared key per use (before)")]
    public SubjectState KeyPerUse()
    {
        var state = NewState();
        foreach (var identifier in _identifiers)
        {
            state.Identifiers.Add(EnrolmentRules.Protect(identifier, identifier.Value, _key, SubjectId));
        }
        state.Chain(Draft(state), _key);
        using var sealer = new FieldSealer(SubjectId, _key);
        state.SealWith(sealer);
        return state;
    }

    [Benchmark(Description = "Person sealed, one prepared key (now)")]
    public SubjectState OneKey()
    {
        using var sealer = new FieldSealer(SubjectId, _key);
        var state = NewState();
        foreach (var identifier in _identifiers)
        {
            state.Identifiers.Add(EnrolmentRules.Protect(identifier, identifier.Value, sealer));
        }
        state.Chain(Draft(state), sealer);
        state.SealWith(sealer);
        return state;
    }

    private SubjectState NewState() => new() { SubjectId = SubjectId, CreatedAt = At, Contact = _contact };

    private static LedgerEntryDraft Draft(SubjectState state) =>
        new(At, LedgerEventTypes.SubjectImported, Importer, null, null, new { identifiers = state.Identifiers.Select(held => held.DisplayOpened(null)), contact = state.Contact?.Opened });
}
