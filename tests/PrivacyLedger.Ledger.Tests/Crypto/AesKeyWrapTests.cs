using System.Buffers.Binary;
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

    [Theory]
    [MemberData(nameof(Rfc3394Vectors))]
    public void Wrapped_together_with_other_keys_RFC_3394s_vector_still_wraps_to_its_value(string kek, string keyData, string wrapped)
    {
        using var aes = Kek(kek);
        var keys = Enumerable.Range(0, 9).Select(_ => RandomNumberGenerator.GetBytes(keyData.Length / 2)).ToList();
        keys[4] = Convert.FromHexString(keyData);
        var initialValues = Enumerable.Repeat(AesKeyWrap.DefaultInitialValue, keys.Count).ToArray();

        Assert.Equal(wrapped, Convert.ToHexString(aes.WrapAll(keys, initialValues)[4]));
    }

    [Theory]
    [InlineData(32, 1)]
    [InlineData(32, 257)]
    [InlineData(16, 40)]
    [InlineData(24, 3)]
    public void Keys_wrapped_together_are_each_what_textbook_RFC_3394_makes_of_it_alone(int keyBytes, int count)
    {
        var kek = RandomNumberGenerator.GetBytes(32);
        using var aes = new AesKeyWrap(kek);
        var keys = Enumerable.Range(0, count).Select(_ => RandomNumberGenerator.GetBytes(keyBytes)).ToList();
        var initialValues = keys.Select(_ => BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8))).ToArray();

        var wrapped = aes.WrapAll(keys, initialValues);

        Assert.Equal(count, wrapped.Length);
        for (var k = 0; k < count; k++)
        {
            Assert.Equal(TextbookWrap(kek, keys[k], initialValues[k]), wrapped[k]);
            Assert.Equal(aes.Wrap(keys[k], initialValues[k]), wrapped[k]);
            Assert.Equal(keys[k], aes.Unwrap(wrapped[k], initialValues[k]));
        }
    }

    [Fact]
    public void Keys_wrapped_together_must_be_of_one_length_with_one_initial_value_each()
    {
        using var aes = Kek(Kek256);

        Assert.Empty(aes.WrapAll([], []));
        Assert.Throws<ArgumentException>(() => aes.WrapAll([new byte[32], new byte[16]], [1, 2]));
        Assert.Throws<ArgumentException>(() => aes.WrapAll([new byte[32], new byte[32]], [1]));
        Assert.Throws<ArgumentException>(() => aes.WrapAll([new byte[12]], [1]));
    }

    private static AesKeyWrap Kek(string hex) => new(Convert.FromHexString(hex));

    // RFC 3394, 2.2.1 as written, one block per AES call on a one-shot ECB: what every stored key was wrapped with.
    private static byte[] TextbookWrap(byte[] kek, byte[] keyData, ulong initialValue)
    {
        using var ecb = Aes.Create();
        ecb.Key = kek;
        var n = keyData.Length / 8;
        var r = keyData.Chunk(8).ToArray();
        var a = initialValue;
        var block = new byte[16];
        for (var j = 0; j <= 5; j++)
        {
            for (var i = 1; i <= n; i++)
            {
                BinaryPrimitives.WriteUInt64BigEndian(block, a);
                r[i - 1].CopyTo(block, 8);
                var b = ecb.EncryptEcb(block, PaddingMode.None);
                a = BinaryPrimitives.ReadUInt64BigEndian(b) ^ (ulong)(n * j + i);
                r[i - 1] = b[8..];
            }
        }
        var output = new byte[8 * (n + 1)];
        BinaryPrimitives.WriteUInt64BigEndian(output, a);
        for (var i = 0; i < n; i++)
        {
            r[i].CopyTo(output, 8 * (i + 1));
        }
        return output;
    }
}
