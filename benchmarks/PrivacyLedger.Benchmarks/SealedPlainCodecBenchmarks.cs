using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Ledger.Compact;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Subjects;
using PrivacyLedger.Ledger.Tests.Compact;

namespace PrivacyLedger.Benchmarks;

// What is sealed inside a ciphertext, JSON (as sealed before) beside the compact binary form (CompactPlain, now): the
// typical import event's data (PlainSamples, shared with the tests: a person of the import benchmark's file in one
// register) sealed into a ledger event and opened as a ledger page does, and a contact sealed and opened by FieldSealer.
[MemoryDiagnoser]
public class SealedPlainCodecBenchmarks
{
    private const string SubjectId = "0193a5b2c4d87e6f9a1b2c3d4e5f6a7b";
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 12, 7, 1, 50, 12, TimeSpan.Zero).AddTicks(3456789);
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _owner = Encoding.UTF8.GetBytes(SubjectId);
    private object _data = null!;
    private LedgerEntryDraft _draft = null!;
    private byte[] _dataJson = [];
    private byte[] _dataCompact = [];
    private byte[] _sealedJson = [];
    private byte[] _sealedCompact = [];
    private ContactData _contact = null!;
    private FieldSealer _sealer = null!;
    private AesGcm _aes = null!; // prepared once, as FieldSealer prepares its own: the before cases pay no more for the key
    private byte[] _contactSealedJson = [];
    private byte[] _contactSealedCompact = [];

    [GlobalSetup]
    public void Setup()
    {
        _data = PlainSamples.ImportData(42);
        _draft = new LedgerEntryDraft(At, LedgerEventTypes.SubjectImported, new Actor("import", "admin"), null, null, _data);
        _dataJson = JsonSerializer.SerializeToUtf8Bytes(_data, LedgerJson.Options);
        _dataCompact = Compact(_dataJson);
        _sealedJson = AuthenticatedCipher.Encrypt(_key, _dataJson, _owner);
        _sealedCompact = Convert.FromBase64String(LedgerStreams.Seal(_draft, 0, LedgerEvent.GenesisHash, SubjectId, _key).SealedData!);
        _contact = PlainSamples.Contact(42);
        _sealer = new FieldSealer(SubjectId, _key);
        _aes = new AesGcm(_key, AuthenticatedCipher.TagSize);
        _contactSealedJson = AuthenticatedCipher.Encrypt(_key, JsonSerializer.SerializeToUtf8Bytes(_contact, LedgerJson.Options), ContactData());
        _contactSealedCompact = _sealer.Seal(_contact, SealedFields.Contact);
        var jsonEvent = LedgerStreams.Encode(SealJson()).Length;
        var compactEvent = LedgerStreams.Encode(SealCompact()).Length;
        Console.WriteLine($"// import event data: {_dataJson.Length} B JSON, {_dataCompact.Length} B compact; stored event {jsonEvent} B -> {compactEvent} B; " +
            $"sealed contact {_contactSealedJson.Length} B -> {_contactSealedCompact.Length} B");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sealer.Dispose();
        _aes.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Event: seal JSON (before)")]
    public LedgerEvent SealJson()
    {
        // LedgerStreams.Seal as it was: the data's JSON encrypted as it is.
        var sealedData = Convert.ToBase64String(AuthenticatedCipher.Encrypt(_key, JsonSerializer.SerializeToUtf8Bytes(_draft.Data, LedgerJson.Options), _owner));
        var actor = _draft.Actor.ToString();
        var hash = LedgerEvent.ComputeHash(1, _draft.At, _draft.Type, actor, null, null, sealedData, LedgerEvent.GenesisHash);
        return new LedgerEvent(1, _draft.At, _draft.Type, actor, null, null, sealedData, LedgerEvent.GenesisHash, hash);
    }

    [Benchmark(Description = "Event: seal compact")]
    public LedgerEvent SealCompact() => LedgerStreams.Seal(_draft, 0, LedgerEvent.GenesisHash, SubjectId, _key);

    [Benchmark(Description = "Event data: transcode JSON to compact")]
    public int Transcode()
    {
        Span<byte> destination = stackalloc byte[CompactPlain.MaxLength(_dataJson.Length)];
        CompactPlain.TryEncode(_dataJson, destination, out var written);
        return written;
    }

    [Benchmark(Description = "Event: open JSON (before)")]
    public JsonElement OpenJson() => JsonSerializer.Deserialize<JsonElement>(AuthenticatedCipher.Decrypt(_key, _sealedJson, _owner));

    [Benchmark(Description = "Event: open compact")]
    public JsonElement OpenCompact() => CompactPlain.Deserialize<JsonElement>(AuthenticatedCipher.Decrypt(_key, _sealedCompact, _owner));

    [Benchmark(Description = "Contact: seal JSON (before)")]
    public byte[] SealContactJson() => AuthenticatedCipher.Encrypt(_aes, JsonSerializer.SerializeToUtf8Bytes(_contact, LedgerJson.Options), ContactData());

    [Benchmark(Description = "Contact: seal compact")]
    public byte[] SealContactCompact() => _sealer.Seal(_contact, SealedFields.Contact);

    [Benchmark(Description = "Contact: open JSON (before)")]
    public ContactData? OpenContactJson() => JsonSerializer.Deserialize<ContactData>(AuthenticatedCipher.Decrypt(_aes, _contactSealedJson, ContactData()), LedgerJson.Options);

    [Benchmark(Description = "Contact: open compact")]
    public ContactData? OpenContactCompact() => _sealer.TryOpen<ContactData>(_contactSealedCompact, SealedFields.Contact);

    private static byte[] Compact(byte[] json)
    {
        using var plain = CompactPlain.FromJson(json);
        return plain.Span.ToArray();
    }

    private static byte[] ContactData() => Encoding.UTF8.GetBytes($"{SubjectId}\u001f{SealedFields.Contact}");
}
