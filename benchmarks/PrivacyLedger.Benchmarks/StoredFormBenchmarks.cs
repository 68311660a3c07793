using System.Security.Cryptography;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Ledger.Registers;

namespace PrivacyLedger.Benchmarks;

// The stored form of a ledger event and of a register member entry, JSON (as stored before) beside binary (as stored
// now): one typical subject.imported event (one person in one register) and its member entry, encoded and decoded.
public class StoredFormBenchmarks
{
    private const string SubjectId = "0193a5b2c4d87e6f9a1b2c3d4e5f6a7b";
    private LedgerEvent _event = null!;
    private byte[] _json = [];
    private byte[] _binary = [];
    private StoredMemberEntry _entry = null!;
    private byte[] _entryJson = [];
    private byte[] _entryBinary = [];

    [GlobalSetup]
    public void Setup()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var at = new DateTimeOffset(2026, 12, 7, 1, 50, 12, TimeSpan.Zero).AddTicks(3456789);
        // The data an import seals into its event for one person in one register.
        var data = new
        {
            identifiers = new[] { new { kind = "email", value = "maija.meikalainen@example.fi" }, new { kind = "phone", value = "+358401234567" } },
            contact = new { givenName = "Maija", familyName = "Meikäläinen", email = "maija.meikalainen@example.fi", phone = "+358401234567" },
            memberships = new[] { new { registerId = "pk-terveys-customers", externalId = "CUST-00123456", categories = new[] { "contact-details" }, source = "crm-import" } },
        };
        _event = LedgerStreams.Seal(new LedgerEntryDraft(at, LedgerEventTypes.SubjectImported, new Actor("import", "admin"), null, null, data), 0, LedgerEvent.GenesisHash, SubjectId, key);
        _json = JsonSerializer.SerializeToUtf8Bytes(_event, LedgerJson.Options);
        _binary = LedgerEventCodec.Encode(_event);
        // As entries are written since format 2: the external id is in the subject's state, not in the entry.
        _entry = new StoredMemberEntry(SubjectId, null, at, null) { ExternalIdInState = true };
        _entryJson = JsonSerializer.SerializeToUtf8Bytes(_entry, LedgerJson.Options);
        _entryBinary = StoredMemberEntryCodec.Encode(_entry);
        Console.WriteLine($"// subject.imported event: JSON {_json.Length} B, binary {_binary.Length} B; member entry: JSON {_entryJson.Length} B, binary {_entryBinary.Length} B");
    }

    [Benchmark(Baseline = true, Description = "Event: encode JSON (before)")]
    public byte[] EncodeEventJson() => JsonSerializer.SerializeToUtf8Bytes(_event, LedgerJson.Options);

    [Benchmark(Description = "Event: encode binary")]
    public byte[] EncodeEventBinary() => LedgerEventCodec.Encode(_event);

    [Benchmark(Description = "Event: decode JSON (before)")]
    public LedgerEvent? DecodeEventJson() => JsonSerializer.Deserialize<LedgerEvent>(_json, LedgerJson.Options);

    [Benchmark(Description = "Event: decode binary")]
    public LedgerEvent DecodeEventBinary() => LedgerEventCodec.Decode(_binary, 1);

    [Benchmark(Description = "Member entry: encode JSON (before)")]
    public byte[] EncodeEntryJson() => JsonSerializer.SerializeToUtf8Bytes(_entry, LedgerJson.Options);

    [Benchmark(Description = "Member entry: encode binary")]
    public byte[] EncodeEntryBinary() => StoredMemberEntryCodec.Encode(_entry);

    [Benchmark(Description = "Member entry: decode JSON (before)")]
    public StoredMemberEntry? DecodeEntryJson() => JsonSerializer.Deserialize<StoredMemberEntry>(_entryJson, LedgerJson.Options);

    [Benchmark(Description = "Member entry: decode binary")]
    public StoredMemberEntry DecodeEntryBinary() => StoredMemberEntryCodec.Decode(_entryBinary, SubjectId);
}
