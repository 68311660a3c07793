using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Subjects;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Benchmarks;

// The subject state of a typical imported person (the import benchmark's: e-mail, phone, customer number, contact,
// one membership, one event; every personal field sealed) written and read as the import and each activation do:
// JSON as stored before, and the compact form the silo's serializer stores now.
[MemoryDiagnoser]
public class SubjectStateBenchmarks
{
    private static readonly DateTimeOffset ImportedAt = new DateTimeOffset(2026, 12, 7, 1, 30, 0, TimeSpan.Zero).AddTicks(1_234_567);

    private readonly JsonGrainStateSerializer _json = new();
    private readonly CodecGrainStateSerializer _compact = new([new SubjectStateCodec()]);
    private SubjectState _state = new();
    private byte[] _jsonPayload = [];
    private byte[] _compactPayload = [];

    [GlobalSetup]
    public void Setup()
    {
        _state = ImportedPerson(42);
        _jsonPayload = _json.Serialize(_state);
        _compactPayload = _compact.Serialize(_state);
        Console.WriteLine($"// subject state of an imported person: {_jsonPayload.Length} B as JSON, {_compactPayload.Length} B compact");
    }

    [Benchmark(Baseline = true, Description = "Serialize: JSON")]
    public byte[] SerializeJson() => _json.Serialize(_state);

    [Benchmark(Description = "Serialize: compact")]
    public byte[] SerializeCompact() => _compact.Serialize(_state);

    [Benchmark(Description = "Deserialize: JSON")]
    public SubjectState DeserializeJson() => _json.Deserialize<SubjectState>(_jsonPayload);

    [Benchmark(Description = "Deserialize: compact")]
    public SubjectState DeserializeCompact() => _compact.Deserialize<SubjectState>(_compactPayload);

    private static SubjectState ImportedPerson(int i)
    {
        var subjectId = Guid.CreateVersion7(ImportedAt).ToString("N");
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var state = new SubjectState { SubjectId = subjectId, CreatedAt = ImportedAt };
        foreach (var identifier in new SubjectIdentifier[] { new(IdentifierKind.Email, $"person{i}@example.fi"), new(IdentifierKind.Phone, $"+35840{i:D7}"), new(IdentifierKind.CustomerNumber, $"C{i:D8}") })
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identifier.Value)));
            state.Identifiers.Add(new StoredIdentifier(identifier.Kind, hash, identifier.Value, null));
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
