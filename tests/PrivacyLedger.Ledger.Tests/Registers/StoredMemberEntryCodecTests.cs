using System.Text.Json;
using CsCheck;
using PrivacyLedger.Ledger.Compact;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Subjects;
using Xunit.Abstractions;

namespace PrivacyLedger.Ledger.Tests.Registers;

public sealed class StoredMemberEntryCodecTests(ITestOutputHelper output)
{
    private const string SubjectId = "0193a5b2c4d87e6f9a1b2c3d4e5f6a7b";

    // The key and subject the stored test data was sealed with.
    private static readonly byte[] StoredKey = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

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
    public void A_format_1_entry_with_its_own_sealed_external_id_still_reads_and_opens()
    {
        // member-v1-sealed.bin: member-sealed.json as StoredMemberEntryCodec wrote it in binary format 1 (main at b9e2077).
        var payload = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "MemberEntries", "member-v1-sealed.bin"));
        Assert.Equal(CompactForm.Version1, payload[0]);

        var entry = StoredMemberEntryCodec.Decode(payload, SubjectId);

        using var sealer = new FieldSealer(SubjectId, StoredKey);
        Assert.Equal("CUST-00123456", entry.ExternalId!.OpenWith(sealer, SealedFields.MembershipExternalId));
        Assert.False(entry.ExternalIdInState);
        Assert.Equal(Since, entry.Since);
        Assert.Null(entry.LastActivityAt);
    }

    [Fact]
    public void A_format_1_entry_without_an_external_id_reads_as_it_did()
    {
        byte[] payload = [CompactForm.Version1, 2, .. BitConverter.GetBytes(Since.UtcTicks), .. BitConverter.GetBytes(Since.AddDays(3).UtcTicks)];

        var entry = StoredMemberEntryCodec.Decode(payload, SubjectId);

        Assert.Equal((null, false, Since, Since.AddDays(3)), (entry.ExternalId, entry.ExternalIdInState, entry.Since, entry.LastActivityAt));
    }

    [Fact]
    public void An_entry_read_with_its_own_copy_is_not_written_so_again()
    {
        var earlier = StoredMemberEntryCodec.Decode(StoredPayloads.Read("member-sealed.json"), SubjectId);

        Assert.Throws<InvalidOperationException>(() => StoredMemberEntryCodec.Encode(earlier));
    }

    [Fact]
    public void A_membership_s_entry_holds_no_ciphertext_only_that_its_state_has_an_external_id()
    {
        using var sealer = new FieldSealer(SubjectId, StoredKey);
        var membership = new Membership(Sealed<string>.FromCiphertext(sealer.Seal("CUST-00123456", SealedFields.MembershipExternalId)), Since, Since.AddDays(1), null, []);

        var payload = StoredMemberEntryCodec.Encode(membership.EntryFor(SubjectId));
        var withoutExternalId = StoredMemberEntryCodec.Encode((membership with { ExternalId = null }).EntryFor(SubjectId));

        // The format byte, the flags and two times: nothing sealed.
        Assert.Equal([StoredMemberEntryCodec.Version2, 3, .. BitConverter.GetBytes(Since.UtcTicks), .. BitConverter.GetBytes(Since.AddDays(1).UtcTicks)], payload);
        Assert.Equal(2, withoutExternalId[1]);
        var decoded = StoredMemberEntryCodec.Decode(payload, SubjectId);
        Assert.True(decoded.ExternalIdInState);
        Assert.Null(decoded.ExternalId);
        Assert.False(StoredMemberEntryCodec.Decode(withoutExternalId, SubjectId).ExternalIdInState);
    }

    [Fact]
    public void Generated_entries_read_back_exactly_in_whichever_form_they_were_stored()
    {
        var times = Gen.Frequency(
            (4, Gen.Long[0, DateTime.MaxValue.Ticks].Select(ticks => new DateTimeOffset(ticks, TimeSpan.Zero))),
            (1, Gen.Select(Gen.Long[TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay], Gen.Int[-14 * 60, 14 * 60],
                (ticks, minutes) => new DateTimeOffset(ticks, TimeSpan.FromMinutes(minutes)))));
        var entries = Gen.Select(Gen.Bool, times, Gen.Bool, times, (inState, since, active, last) =>
            new StoredMemberEntry(SubjectId, null, since, active ? last : null) { ExternalIdInState = inState });

        entries.Sample(entry =>
        {
            var payload = StoredMemberEntryCodec.Encode(entry);
            var decoded = StoredMemberEntryCodec.Decode(payload, SubjectId);

            Assert.Equal(entry.SubjectId, decoded.SubjectId);
            Assert.Null(decoded.ExternalId);
            Assert.Equal(entry.ExternalIdInState, decoded.ExternalIdInState);
            AssertSameTime(entry.Since, decoded.Since);
            Assert.Equal(entry.LastActivityAt.HasValue, decoded.LastActivityAt.HasValue);
            if (entry.LastActivityAt is { } last)
            {
                AssertSameTime(last, decoded.LastActivityAt!.Value);
            }
            var utc = entry.Since.Offset == TimeSpan.Zero && entry.LastActivityAt is not { Offset.Ticks: not 0 };
            Assert.Equal(utc, payload[0] == StoredMemberEntryCodec.Version2);
        }, iter: 2_000);
    }

    [Fact]
    public void The_subject_id_is_the_member_key_not_stored_again()
    {
        var entry = new StoredMemberEntry(SubjectId, null, Since, null) { ExternalIdInState = true };

        var payload = StoredMemberEntryCodec.Encode(entry);

        Assert.DoesNotContain(SubjectId, System.Text.Encoding.Latin1.GetString(payload), StringComparison.Ordinal);
        Assert.Equal(SubjectId, StoredMemberEntryCodec.Decode(payload, SubjectId).SubjectId);
        var json = StoredPayloads.Read("member-sealed.json");
        var v1 = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "MemberEntries", "member-v1-sealed.bin"));
        output.WriteLine($"member entry with an external id: JSON {json.Length} B, binary format 1 (its own sealed copy) {v1.Length} B, format 2 {payload.Length} B");
        Assert.Equal(2 + 8, payload.Length);
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
        Assert.Throws<InvalidDataException>(() => StoredMemberEntryCodec.Decode([.. payload, 0], SubjectId));
        Assert.Throws<InvalidDataException>(() => StoredMemberEntryCodec.Decode([.. payload[..1], 0x04, .. payload[2..]], SubjectId));
        Assert.Throws<InvalidDataException>(() => StoredMemberEntryCodec.Decode([0x03, .. payload[1..]], SubjectId));
    }

    private static void AssertSameTime(DateTimeOffset expected, DateTimeOffset actual)
    {
        Assert.Equal(expected.Ticks, actual.Ticks);
        Assert.Equal(expected.Offset, actual.Offset);
    }
}
