using System.Security.Cryptography;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// AES-256-GCM with a random 96-bit nonce per message, laid out as nonce | ciphertext | tag. The associated
/// data binds a ciphertext to its owner (the subject id), so one subject's data cannot be passed off as another's.
/// </summary>
public static class AuthenticatedCipher
{
    private const int NonceSize = 12;
    public const int TagSize = 16;

    public static byte[] Encrypt(byte[] key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        using var aes = new AesGcm(key, TagSize);
        return Encrypt(aes, plaintext, associatedData);
    }

    /// <summary>
    /// Encrypts with a prepared key (<c>new AesGcm(key, TagSize)</c>): preparing one costs more than sealing a short
    /// message, so a key used over and over (the key-wrapping key) keeps its own, one per thread (AesGcm is not thread-safe).
    /// The nonce comes from <paramref name="nonces"/> when given (a bulk caller's supply, drawn a buffer at a time), else
    /// straight from the CSPRNG.
    /// </summary>
    public static byte[] Encrypt(AesGcm aes, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, RandomSupply? nonces = null)
    {
        var output = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        if (nonces is null)
        {
            RandomNumberGenerator.Fill(nonce);
        }
        else
        {
            nonces.Fill(nonce);
        }
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize, plaintext.Length), output.AsSpan(NonceSize + plaintext.Length), associatedData);
        return output;
    }

    /// <exception cref="CryptographicException">Wrong key, wrong owner or tampered data.</exception>
    public static byte[] Decrypt(byte[] key, ReadOnlySpan<byte> sealedMessage, ReadOnlySpan<byte> associatedData)
    {
        using var aes = new AesGcm(key, TagSize);
        return Decrypt(aes, sealedMessage, associatedData);
    }

    /// <inheritdoc cref="Decrypt(byte[], ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    public static byte[] Decrypt(AesGcm aes, ReadOnlySpan<byte> sealedMessage, ReadOnlySpan<byte> associatedData)
    {
        if (sealedMessage.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The sealed message is too short.");
        }
        var plaintext = new byte[sealedMessage.Length - NonceSize - TagSize];
        aes.Decrypt(sealedMessage[..NonceSize], sealedMessage.Slice(NonceSize, plaintext.Length), sealedMessage[^TagSize..], plaintext, associatedData);
        return plaintext;
    }
}
