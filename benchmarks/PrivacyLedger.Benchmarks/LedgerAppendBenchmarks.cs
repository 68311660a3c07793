using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Ledger.Subjects;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Benchmarks;

// The CPU side of one durable change (a consent grant) in the subject grain, step by step: the change's data
// sealed under the subject's key (JSON, AES-256-GCM, base64), the event hashed onto the chain (SHA-256 over the
// canonical form), the event encoded for storage, and the whole subject state serialized for its write. Storage
// itself is measured by StateWriteBenchmarks and the load test.
public class LedgerAppendBenchmarks
{
    private const string Actor = "service:load-test";
    private readonly byte[] _dataKey = RandomNumberGenerator.GetBytes(32);
    private readonly JsonGrainStateSerializer _stateSerializer = new();
    private byte[] _associatedData = [];
    private object _change = new();
    private string _sealed = "";
    private LedgerEvent _event = null!;
    private SubjectState _state = new();
    private byte[] _statePayload = [];

    [GlobalSetup]
    public void Setup()
    {
        _state = SampleSubjects.Member("pk-terveys-customers");
        SampleSubjects.Consent(_state, "direct-marketing", "email", "sms");
        _associatedData = Encoding.UTF8.GetBytes(_state.SubjectId!);
        // The data the subject grain records for a consent grant.
        _change = new { purposeId = "direct-marketing", channels = new[] { "email", "sms" }, source = "load-test", evidence = "load test" };
        _sealed = Seal();
        _event = NewEvent(_sealed);
        _statePayload = _stateSerializer.Serialize(_state);
        Console.WriteLine($"// sealed data {_sealed.Length} chars, encoded event {LedgerStreams.Encode(_event).Length} B, subject state {_statePayload.Length} B");
    }

    [Benchmark(Description = "Seal: JSON + AES-256-GCM + base64")]
    public string Seal() =>
        Convert.ToBase64String(AuthenticatedCipher.Encrypt(_dataKey, JsonSerializer.SerializeToUtf8Bytes(_change, LedgerJson.Options), _associatedData));

    [Benchmark(Description = "Hash: SHA-256 over the canonical form")]
    public string Hash() => LedgerEvent.ComputeHash(_state.LedgerSeq + 1, SampleSubjects.At, SampleSubjects.EventType, Actor, null, null, _sealed, _state.LedgerHead);

    [Benchmark(Description = "Encode the event (binary; JSON before, see StoredFormBenchmarks)")]
    public byte[] Encode() => LedgerStreams.Encode(_event);

    [Benchmark(Description = "Append: seal + hash + encode, one event")]
    public byte[] Append() => LedgerStreams.Encode(NewEvent(Seal()));

    [Benchmark(Description = "Serialize the subject state (each write)")]
    public byte[] SerializeState() => _stateSerializer.Serialize(_state);

    [Benchmark(Description = "Deserialize the subject state (each activation)")]
    public SubjectState DeserializeState() => _stateSerializer.Deserialize<SubjectState>(_statePayload);

    [Benchmark(Description = "Verify one event's hash")]
    public bool Verify() => _event.HashIsValid();

    private LedgerEvent NewEvent(string sealedData)
    {
        var seq = _state.LedgerSeq + 1;
        return new LedgerEvent(seq, SampleSubjects.At, SampleSubjects.EventType, Actor, null, null, sealedData, _state.LedgerHead,
            LedgerEvent.ComputeHash(seq, SampleSubjects.At, SampleSubjects.EventType, Actor, null, null, sealedData, _state.LedgerHead));
    }
}
