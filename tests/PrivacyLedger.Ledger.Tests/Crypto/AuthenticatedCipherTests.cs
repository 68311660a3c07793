using System.Security.Cryptography;
using System.Text;
using PrivacyLedger.Ledger.Crypto;

namespace PrivacyLedger.Ledger.Tests.Crypto;

public sealed class AuthenticatedCipherTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void What_is_sealed_opens_with_the_same_key_and_owner()
    {
        var sealedMessage = AuthenticatedCipher.Encrypt(Key, "Maija"u8, "subject-1"u8);

        Assert.Equal("Maija", Encoding.UTF8.GetString(AuthenticatedCipher.Decrypt(Key, sealedMessage, "subject-1"u8)));
        Assert.DoesNotContain("Maija", Encoding.UTF8.GetString(sealedMessage));
    }

    [Fact]
    public void Another_key_another_owner_or_a_flipped_bit_does_not_open_it()
    {
        var sealedMessage = AuthenticatedCipher.Encrypt(Key, "Maija"u8, "subject-1"u8);
        var tampered = (byte[])sealedMessage.Clone();
        tampered[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => AuthenticatedCipher.Decrypt(RandomNumberGenerator.GetBytes(32), sealedMessage, "subject-1"u8));
        Assert.ThrowsAny<CryptographicException>(() => AuthenticatedCipher.Decrypt(Key, sealedMessage, "subject-2"u8));
        Assert.ThrowsAny<CryptographicException>(() => AuthenticatedCipher.Decrypt(Key, tampered, "subject-1"u8));
    }

    [Fact]
    public void Sealing_twice_gives_different_ciphertexts()
    {
        Assert.NotEqual(AuthenticatedCipher.Encrypt(Key, "x"u8, "s"u8), AuthenticatedCipher.Encrypt(Key, "x"u8, "s"u8));
    }
}
