using System.Buffers.Binary;
using System.Security.Cryptography;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// AES key wrap (RFC 3394, NIST SP 800-38F "KW") over AES-ECB of one key-encryption key: n 64-bit blocks of key data become
/// n + 1, with no nonce and no tag (a 32-byte data key wraps to 40 bytes, not AES-GCM's 60). Deterministic, which a key
/// wrap may be: it wraps random keys, never messages. The initial value is the integrity check: RFC 3394's default, or an
/// alternative one (RFC 3394, 2.2.3.2) that binds the wrapped key to what it belongs to.
/// The 6n block operations run on one prepared ECB transform each way: <see cref="SymmetricAlgorithm.EncryptEcb(ReadOnlySpan{byte}, PaddingMode)"/>
/// prepares the key again on every call, which measured 6-10 times slower for the 24 blocks of a data key.
/// Not thread-safe: one instance per thread.
/// </summary>
public sealed class AesKeyWrap : IDisposable
{
    /// <summary>RFC 3394's default initial value, A6A6A6A6A6A6A6A6.</summary>
    public const ulong DefaultInitialValue = 0xA6A6A6A6A6A6A6A6;

    private const int Block = 8;
    private const int Rounds = 6;

    private readonly Aes _aes;
    private readonly ICryptoTransform _encrypt;
    private readonly ICryptoTransform _decrypt;
    private readonly byte[] _block = new byte[2 * Block];

    /// <param name="kek">The key-encryption key: 32 bytes (AES-256) here, 16 or 24 allowed as AES allows them.</param>
    public AesKeyWrap(byte[] kek)
    {
        _aes = Aes.Create();
        _aes.Key = kek;
        _aes.Mode = CipherMode.ECB;
        _aes.Padding = PaddingMode.None;
        _encrypt = _aes.CreateEncryptor();
        _decrypt = _aes.CreateDecryptor();
    }

    public byte[] Wrap(ReadOnlySpan<byte> keyData, ulong initialValue = DefaultInitialValue)
    {
        if (keyData.Length % Block != 0 || keyData.Length < 2 * Block)
        {
            throw new ArgumentException("Key data must be a whole number of at least two 64-bit blocks.", nameof(keyData));
        }
        var n = keyData.Length / Block;
        var output = new byte[(n + 1) * Block];
        keyData.CopyTo(output.AsSpan(Block));
        var a = initialValue;
        for (var j = 0; j < Rounds; j++)
        {
            for (var i = 1; i <= n; i++)
            {
                var r = output.AsSpan(i * Block, Block);
                BinaryPrimitives.WriteUInt64BigEndian(_block, a);
                r.CopyTo(_block.AsSpan(Block));
                _encrypt.TransformBlock(_block, 0, _block.Length, _block, 0);
                a = BinaryPrimitives.ReadUInt64BigEndian(_block) ^ (ulong)(n * j + i);
                _block.AsSpan(Block).CopyTo(r);
            }
        }
        BinaryPrimitives.WriteUInt64BigEndian(output, a);
        CryptographicOperations.ZeroMemory(_block);
        return output;
    }

    /// <exception cref="CryptographicException">Another key-encryption key, another initial value, or wrapped data changed.</exception>
    public byte[] Unwrap(ReadOnlySpan<byte> wrapped, ulong initialValue = DefaultInitialValue)
    {
        if (wrapped.Length % Block != 0 || wrapped.Length < 3 * Block)
        {
            throw new CryptographicException("A wrapped key is not a whole number of at least three 64-bit blocks.");
        }
        var n = wrapped.Length / Block - 1;
        var keyData = wrapped[Block..].ToArray();
        var a = BinaryPrimitives.ReadUInt64BigEndian(wrapped);
        for (var j = Rounds - 1; j >= 0; j--)
        {
            for (var i = n; i >= 1; i--)
            {
                var r = keyData.AsSpan((i - 1) * Block, Block);
                BinaryPrimitives.WriteUInt64BigEndian(_block, a ^ (ulong)(n * j + i));
                r.CopyTo(_block.AsSpan(Block));
                _decrypt.TransformBlock(_block, 0, _block.Length, _block, 0);
                a = BinaryPrimitives.ReadUInt64BigEndian(_block);
                _block.AsSpan(Block).CopyTo(r);
            }
        }
        // Compared in constant time: the check value is what an attacker probing with changed blocks would learn about.
        BinaryPrimitives.WriteUInt64BigEndian(_block, a);
        BinaryPrimitives.WriteUInt64BigEndian(_block.AsSpan(Block), initialValue);
        var intact = CryptographicOperations.FixedTimeEquals(_block.AsSpan(0, Block), _block.AsSpan(Block));
        CryptographicOperations.ZeroMemory(_block);
        if (!intact)
        {
            CryptographicOperations.ZeroMemory(keyData);
            throw new CryptographicException("A wrapped key failed its integrity check: another key, another owner, or changed.");
        }
        return keyData;
    }

    public void Dispose()
    {
        _encrypt.Dispose();
        _decrypt.Dispose();
        _aes.Dispose();
    }
}
