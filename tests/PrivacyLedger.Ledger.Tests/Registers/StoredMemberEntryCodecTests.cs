using System.Security.Cryptography;
using System.Text.Json;
using CsCheck;
using PrivacyLedger.Ledger.Compact;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Registers;
using Xunit.Abstractions;

namespace PrivacyLedger.Ledger.Tests.Registers;

public sealed class StoredMemberEntryCodecTests(ITestOutputHelper output)
{
    private const string SubjectId = "0193a5b2c4d87e6f9a1b2c3d4e5f6a7b";

    private static readonly DateTimeOffset Since = new DateTimeOffset(2026, 12, 7, 1, 50, 12, TimeSpan.Zero).AddTicks(3456789);

    [Theory]
    [InlineData("member-sealed.json")]
    [InlineData("member-plain.json")]
    public void An_entry_stored_as_JSON_by_an_earlier_version_reads_as_it_did(string file)
    {
        var payload = StoredPayloads.Read(file);

        // JSON names its own subject: the member key is not needed.
        var decoded = StoredMemberEntryCodec.Decode(payload, "someone-else");

        Assert.Equal(SubjectId, decoded.SubjectId);
        Assert.Equal(Since, decoded.Since);
        Assert.Equal(payload, JsonSerializer.SerializeToUtf8Bytes(decoded, LedgerJson.Options));
    }

    [Fact]
    public void An_earlier_sealed_external_id_written_again_still_opens()
    {
        // The key and subject the test data was sealed with.
        var key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        var before = StoredMemberEntryCodec.Decode(StoredPayloads.Read("member-sealed.json"), SubjectId);

        var payload = StoredMemberEntryCodec.Encode(before);
        var after = StoredMemberEntryCodec.Decode(payload, SubjectId);

        Assert.Equal(CompactForm.Version1, payload[0]);
        using var sealer = new FieldSealer(SubjectId, key);
        Assert.Equal("CUST-00123456", after.ExternalId!.OpenWith(sealer, SealedFields.MembershipExternalId));
        Assert.Equal(before.Since, after.Since);
        Assert.Null(after.LastActivityAt);
    }

    [Fact]
    public void Generated_entries_read_back_exactly_in_whichever_form_they_were_stored()
    {
        var times = Gen.Frequency(
            (4, Gen.Long[0, DateTime.MaxValue.Ticks].Select(ticks => new DateTimeOffset(ticks, TimeSpan.Zero))),
            (1, Gen.Select(Gen.Long[TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay], Gen.Int[-14 * 60, 14 * 60],
                (ticks, minutes) => new DateTimeOffset(ticks, TimeSpan.FromMinutes(minutes)))));
        var entries = Gen.Select(Gen.Null(Gen.Byte.Array[0, 80]), times, Gen.Bool, times, (ciphertext, since, active, last) =>
            new StoredMemberEntry(SubjectId, ciphertext is null ? null : Sealed<string>.FromCiphertext(ciphertext), since, active ? last : null));

        entries.Sample(entry =>
        {
            var payload = StoredMemberEntryCodec.Encode(entry);
            var decoded = StoredMemberEntryCodec.Decode(payload, SubjectId);

            Assert.Equal(entry.SubjectId, decoded.SubjectId);
            Assert.Equal(entry.ExternalId?.Ciphertext, decoded.ExternalId?.Ciphertext);
            AssertSameTime(entry.Since, decoded.Since);
            Assert.Equal(entry.LastActivityAt.HasValue, decoded.LastActivityAt.HasValue);
            if (entry.LastActivityAt is { } last)
            {
                AssertSameTime(last, decoded.LastActivityAt!.Value);
            }
            var utc = entry.Since.Offset == TimeSpan.Zero && entry.LastActivityAt is not { Offset.Ticks: not 0 };
            Assert.Equal(utc, payload[0] == CompactForm.Version1);
        }, iter: 2_000);
    }

    [Fact]
    public void The_subject_id_is_the_member_key_not_stored_again()
    {
        var entry = new StoredMemberEntry(SubjectId, Sealed<string>.FromCiphertext(RandomNumberGenerator.GetBytes(41)), Since, null);

        var payload = StoredMemberEntryCodec.Encode(entry);

        Assert.DoesNotContain(SubjectId, System.Text.Encoding.Latin1.GetString(payload), StringComparison.Ordinal);
        Assert.Equal(SubjectId, StoredMemberEntryCodec.Decode(payload, SubjectId).SubjectId);
        var json = StoredPayloads.Read("member-sealed.json");
        output.WriteLine($"member entry with a sealed external id: JSON {json.Length} B, binary {StoredMemberEntryCodec.Encode(StoredMemberEntryCodec.Decode(json, SubjectId)).Length} B");
        Assert.Equal(2 + 8 + 41, payload.Length);
    }

    [Fact]
    public void An_external_id_never_sealed_is_refused_as_before()
    {
        var entry = new StoredMemberEntry(SubjectId, "CUST-1", Since, null);

        Assert.Throws<InvalidOperationException>(() => StoredMemberEntryCodec.Encode(entry));
    }

    [Fact]
    public void A_malformed_entry_is_rejected()
    {
        var payload = StoredMemberEntryCodec.Encode(new StoredMemberEntry(SubjectId, null, Since, Since.AddDays(1)));

        Assert.Throws<InvalidDataException>(() => StoredMemberEntryCodec.Decode(payload[..^1], SubjectId));
        Assert.Throws<InvalidDataException>(() => StoredMemberEntryCodec.Decode([.. payload[..1], 0x04, .. payload[2..]], SubjectId));
    }

    private static void AssertSameTime(DateTimeOffset expected, DateTimeOffset actual)
    {
        Assert.Equal(expected.Ticks, actual.Ticks);
        Assert.Equal(expected.Offset, actual.Offset);
    }
}
