using System.Security.Cryptography;
using PrivacyLedger.Ledger.Crypto;

namespace PrivacyLedger.Ledger.Tests.Crypto;

/// <summary>The AES key wrap against RFC 3394's test vectors, and its integrity check.</summary>
public sealed class AesKeyWrapTests
{
    private const string Kek256 = "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F";

    public static TheoryData<string, string, string> Rfc3394Vectors => new()
    {
        // 4.6: wrap 256 bits of key data with a 256-bit KEK (a data key under the master key's wrapping key).
        { Kek256, "00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F",
            "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21" },
        // 4.3: 128 bits of key data with a 256-bit KEK.
        { Kek256, "00112233445566778899AABBCCDDEEFF", "64E8C3F9CE0F5BA263E9777905818A2A93C8191E7D6E8AE7" },
        // 4.1: 128 bits of key data with a 128-bit KEK.
        { "000102030405060708090A0B0C0D0E0F", "00112233445566778899AABBCCDDEEFF", "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5" },
    };

    [Theory]
    [MemberData(nameof(Rfc3394Vectors))]
    public void Wraps_and_unwraps_RFC_3394s_test_vectors(string kek, string keyData, string wrapped)
    {
        using var aes = Kek(kek);

        Assert.Equal(wrapped, Convert.ToHexString(aes.Wrap(Convert.FromHexString(keyData))));
        Assert.Equal(keyData, Convert.ToHexString(aes.Unwrap(Convert.FromHexString(wrapped))));
    }

    [Fact]
    public void One_instance_wraps_and_unwraps_many_keys_in_turn_each_as_a_fresh_one_does()
    {
        using var reused = Kek(Kek256);
        for (var i = 0; i < 20; i++)
        {
            var keyData = RandomNumberGenerator.GetBytes(32);
            var initialValue = (ulong)i;
            using var fresh = Kek(Kek256);
            var wrapped = reused.Wrap(keyData, initialValue);
            Assert.Equal(fresh.Wrap(keyData, initialValue), wrapped);
            Assert.Equal(keyData, reused.Unwrap(wrapped, initialValue));
        }
    }

    [Fact]
    public void A_32_byte_key_wraps_to_40_bytes()
    {
        using var aes = Kek(Kek256);

        Assert.Equal(40, aes.Wrap(RandomNumberGenerator.GetBytes(32)).Length);
    }

    [Fact]
    public void Any_bit_changed_another_key_or_another_initial_value_fails_the_integrity_check()
    {
        using var aes = Kek(Kek256);
        var keyData = RandomNumberGenerator.GetBytes(32);
        var wrapped = aes.Wrap(keyData, initialValue: 0x0123456789ABCDEF);

        Assert.Equal(keyData, aes.Unwrap(wrapped, initialValue: 0x0123456789ABCDEF));
        for (var bit = 0; bit < wrapped.Length * 8; bit++)
        {
            var changed = (byte[])wrapped.Clone();
            changed[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.Throws<CryptographicException>(() => aes.Unwrap(changed, initialValue: 0x0123456789ABCDEF));
        }
        Assert.Throws<CryptographicException>(() => aes.Unwrap(wrapped));
        using var other = Kek(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
        Assert.Throws<CryptographicException>(() => other.Unwrap(wrapped, initialValue: 0x0123456789ABCDEF));
        Assert.Throws<CryptographicException>(() => aes.Unwrap(wrapped[..^8], initialValue: 0x0123456789ABCDEF));
        Assert.Throws<CryptographicException>(() => aes.Unwrap(wrapped[..^1], initialValue: 0x0123456789ABCDEF));
    }

    private static AesKeyWrap Kek(string hex) => new(Convert.FromHexString(hex));
}
