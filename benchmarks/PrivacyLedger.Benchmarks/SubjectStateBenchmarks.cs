using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using PrivacyLedger.Ledger.Subjects;
using PrivacyLedger.Ledger.Tests.Subjects;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Benchmarks;

// The subject state of a typical imported person (ImportedPeople, shared with the tests: e-mail, phone, customer
// number, contact, one membership, one event; every personal field sealed), written and read as the import and each
// activation do: JSON as stored before, and the compact form the silo's serializer stores now.
[MemoryDiagnoser]
public class SubjectStateBenchmarks
{
    private readonly JsonGrainStateSerializer _json = new();
    private readonly CodecGrainStateSerializer _compact = new([new SubjectStateCodec()]);
    private SubjectState _state = new();
    private byte[] _jsonPayload = [];
    private byte[] _compactPayload = [];

    [GlobalSetup]
    public void Setup()
    {
        _state = ImportedPeople.Person(42, Guid.CreateVersion7(ImportedPeople.ImportedAt).ToString("N"), RandomNumberGenerator.GetBytes(32), withIdentityCode: false);
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
}
