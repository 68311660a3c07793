using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Compact;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Imports;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Benchmarks;

// The import's work per person that changed for issue 13's import CPU: an identifier's keyed hash (3.3 per person), and
// the subject.imported event's plaintext (serialized to JSON and transcoded before, written directly now); a seal's nonce
// and a subject id, each a call into the system's random source before, a slice of a range's RandomSupply now.
// Run: dotnet run -c Release --project benchmarks/PrivacyLedger.Benchmarks -- --filter '*ImportPersonCpu*'
public class ImportPersonCpuBenchmarks
{
    private const string SubjectId = "0193a5b2c4d87e6f9a1b2c3d4e5f6a7b";
    private readonly IdentifierIndex _index;
    private readonly byte[] _hashingKey;
    private readonly ThreadLocal<IncrementalHash> _hmac;
    private readonly SubjectIdentifier _identifier = new(IdentifierKind.Email, "person123456@example.fi");
    private readonly SubjectState _state = new() { SubjectId = SubjectId };
    private static readonly DateTimeOffset IdTime = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private readonly byte[] _nonce = new byte[12];
    private readonly RandomSupply _supply = new();
    private readonly ContactData _contact = new() { GivenName = "Väinö", FamilyName = "Hämäläinen", Address = "Testikatu 18, 00117 Helsinki", Language = "fi" };

    public ImportPersonCpuBenchmarks()
    {
        var keys = new LedgerKeys(Options.Create(new LedgerOptions { MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }));
        _index = new IdentifierIndex(null!, keys);
        _hashingKey = keys.IdentifierHashingKey;
        _hmac = new(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _hashingKey));
        _state.Identifiers.AddRange([
            new StoredIdentifier(IdentifierKind.Email, "h1", "person17@example.fi", null), new StoredIdentifier(IdentifierKind.Phone, "h2", "+358400000017", null),
            new StoredIdentifier(IdentifierKind.CustomerNumber, "h3", "C00000017", null), new StoredIdentifier(IdentifierKind.Hetu, "h4", "131052-***T", null)]);
        _state.Memberships["pk-terveys-customers"] = new Membership("pk-t-17", DateTimeOffset.UnixEpoch, null, "benchmark-export",
            new() { ["basic-data"] = new CategoryRecord(DateTimeOffset.UnixEpoch) });
    }

    [Benchmark(Description = "Identifier hash, interpolated string and its UTF-8 copy (before)")]
    public string HashBefore()
    {
        var hmac = _hmac.Value!;
        hmac.AppendData(Encoding.UTF8.GetBytes($"{IdentifierKinds.ToWireName(_identifier.Kind)}:{_identifier.Value}"));
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        hmac.GetHashAndReset(mac);
        return Convert.ToHexStringLower(mac[..IdentifierIndex.HashBytes]);
    }

    [Benchmark(Description = "Identifier hash, from the spans (now)")]
    public string HashNow() => _index.Hash(_identifier);

    [Benchmark(Description = "Seal nonce, one call into the CSPRNG each (before)")]
    public byte[] NonceFromCsprng()
    {
        RandomNumberGenerator.Fill(_nonce);
        return _nonce;
    }

    [Benchmark(Description = "Seal nonce, from the range's RandomSupply (now)")]
    public byte[] NonceFromSupply()
    {
        _supply.Fill(_nonce);
        return _nonce;
    }

    [Benchmark(Description = "Subject id, Guid.CreateVersion7 (before)")]
    public Guid SubjectIdFromRuntime() => Guid.CreateVersion7(IdTime);

    [Benchmark(Description = "Subject id, version 7 from the range's RandomSupply (now)")]
    public Guid SubjectIdFromSupply() => _supply.CreateVersion7(IdTime);

    [Benchmark(Description = "Import event plaintext, JSON then transcoded (before)")]
    public int EventPlainBefore()
    {
        var data = new
        {
            identifiers = _state.Identifiers.Select(held => new { kind = IdentifierKinds.ToWireName(held.Kind), value = held.DisplayOpened(null) }),
            contact = _contact,
            memberships = _state.Memberships.Select(membership => new
            {
                registerId = membership.Key,
                externalId = membership.Value.ExternalIdOpened(null),
                categories = membership.Value.Categories.Keys,
                source = membership.Value.SourceOpened(null),
            }),
        };
        using var plain = CompactPlain.FromJson(JsonSerializer.SerializeToUtf8Bytes(data, LedgerJson.Options));
        return plain.Span.Length;
    }

    [Benchmark(Description = "Import event plaintext, written directly (now)")]
    public int EventPlainNow()
    {
        using var writer = new PlainWriter();
        new ImportedEventData(_state, _contact).TryWriteCompact(writer);
        return writer.WrittenSpan.Length;
    }
}
