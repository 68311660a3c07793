using PrivacyLedger.Ledger.Chain;

namespace PrivacyLedger.Ledger.Tests.Chain;

public sealed class LedgerEventTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 8, 30, 0, TimeSpan.FromHours(2));

    private static LedgerEvent Event(string? sealedData = "c2VhbGVk", string prevHash = LedgerEvent.GenesisHash)
    {
        var hash = LedgerEvent.ComputeHash(1, At, "consent.granted", "service:crm", "shop", null, sealedData, prevHash);
        return new LedgerEvent(1, At, "consent.granted", "service:crm", "shop", null, sealedData, prevHash, hash);
    }

    [Fact]
    public void The_hash_is_SHA_256_hex_and_verifies()
    {
        var ledgerEvent = Event();

        Assert.Matches("^[0-9a-f]{64}$", ledgerEvent.Hash);
        Assert.True(ledgerEvent.HashIsValid());
    }

    [Fact]
    public void The_hash_of_a_known_event_never_changes()
    {
        // Stored chains depend on the canonical form: this value was computed by its first implementation.
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(1234567);

        Assert.Equal("58b05324c8eeea38ad30baec5e0791f9729c86bba7f40f2be8a4643d6cf07eb3",
            LedgerEvent.ComputeHash(7, at, "subject.imported", "api-key:import (admin)", "reg-\u00e4", null, "c2VhbGVk", LedgerEvent.GenesisHash));
    }

    [Fact]
    public void Changing_any_field_breaks_the_hash()
    {
        var ledgerEvent = Event();

        Assert.False((ledgerEvent with { Type = "consent.withdrawn" }).HashIsValid());
        Assert.False((ledgerEvent with { SealedData = "b3RoZXI=" }).HashIsValid());
        Assert.False((ledgerEvent with { At = At.AddTicks(1) }).HashIsValid());
        Assert.False((ledgerEvent with { PrevHash = new string('1', 64) }).HashIsValid());
        Assert.False((ledgerEvent with { RequestId = "r1" }).HashIsValid());
    }

    [Fact]
    public void The_canonical_form_is_unambiguous_about_field_boundaries()
    {
        var a = LedgerEvent.ComputeHash(1, At, "ab", "c", null, null, null, LedgerEvent.GenesisHash);
        var b = LedgerEvent.ComputeHash(1, At, "a", "bc", null, null, null, LedgerEvent.GenesisHash);

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void The_same_instant_in_another_offset_hashes_the_same()
    {
        var utc = LedgerEvent.ComputeHash(1, At.ToUniversalTime(), "t", "a", null, null, null, LedgerEvent.GenesisHash);

        Assert.Equal(utc, LedgerEvent.ComputeHash(1, At, "t", "a", null, null, null, LedgerEvent.GenesisHash));
    }
}
