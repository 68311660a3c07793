using System.Buffers.Binary;
using System.Security.Cryptography;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// AES key wrap (RFC 3394, NIST SP 800-38F "KW") over AES-ECB of one key-encryption key: n 64-bit blocks of key data become
/// n + 1, with no nonce and no tag (a 32-byte data key wraps to 40 bytes, not AES-GCM's 60). Deterministic, which a key
/// wrap may be: it wraps random keys, never messages. The initial value is the integrity check: RFC 3394's default, or an
/// alternative one (RFC 3394, 2.2.3.2) that binds the wrapped key to what it belongs to.
/// The 6n block operations run on one prepared ECB transform each way: <see cref="SymmetricAlgorithm.EncryptEcb(ReadOnlySpan{byte}, PaddingMode)"/>
/// prepares the key again on every call, which measured 6-10 times slower for the 24 blocks of a data key. Many keys wrap
/// together (<see cref="WrapAll"/>) in 6n calls for the lot: an import wraps thousands.
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
        var n = BlocksOf(keyData);
        var output = new byte[(n + 1) * Block];
        keyData.CopyTo(output.AsSpan(Block));
        Span<ulong> a = [initialValue];
        WrapInPlace([output], a, n, _block);
        return output;
    }

    /// <summary>
    /// Wraps many keys of one length, each with its own initial value, exactly as <see cref="Wrap"/> wraps each: step t
    /// of every key goes through AES in one ECB call over all their blocks (ECB enciphers each block on its own), so a
    /// batch costs the 6n calls into OpenSSL that one key costs, not 6n per key.
    /// </summary>
    public byte[][] WrapAll(IReadOnlyList<byte[]> keys, ReadOnlySpan<ulong> initialValues)
    {
        if (keys.Count != initialValues.Length)
        {
            throw new ArgumentException("One initial value per key.", nameof(initialValues));
        }
        if (keys.Count == 0)
        {
            return [];
        }
        var n = BlocksOf(keys[0]);
        var outputs = new byte[keys.Count][];
        for (var k = 0; k < outputs.Length; k++)
        {
            if (keys[k].Length != n * Block)
            {
                throw new ArgumentException("Keys wrapped together are all of one length.", nameof(keys));
            }
            outputs[k] = new byte[(n + 1) * Block];
            keys[k].CopyTo(outputs[k].AsSpan(Block));
        }
        var a = initialValues.ToArray();
        var blocks = new byte[keys.Count * 2 * Block];
        WrapInPlace(outputs, a, n, blocks);
        return outputs;
    }

    // RFC 3394, 2.2.1 (the index-based form) on every output at once: each holds its key data after its first block, which
    // gets its final A. One AES block per key per step, in blocks (2 * Block bytes per key), which holds key data and is cleared.
    private void WrapInPlace(byte[][] outputs, Span<ulong> a, int n, byte[] blocks)
    {
        for (var j = 0; j < Rounds; j++)
        {
            for (var i = 1; i <= n; i++)
            {
                for (var k = 0; k < outputs.Length; k++)
                {
                    BinaryPrimitives.WriteUInt64BigEndian(blocks.AsSpan(k * 2 * Block), a[k]);
                    outputs[k].AsSpan(i * Block, Block).CopyTo(blocks.AsSpan(k * 2 * Block + Block));
                }
                _encrypt.TransformBlock(blocks, 0, outputs.Length * 2 * Block, blocks, 0);
                for (var k = 0; k < outputs.Length; k++)
                {
                    a[k] = BinaryPrimitives.ReadUInt64BigEndian(blocks.AsSpan(k * 2 * Block)) ^ (ulong)(n * j + i);
                    blocks.AsSpan(k * 2 * Block + Block, Block).CopyTo(outputs[k].AsSpan(i * Block));
                }
            }
        }
        for (var k = 0; k < outputs.Length; k++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(outputs[k], a[k]);
        }
        CryptographicOperations.ZeroMemory(blocks);
    }

    private static int BlocksOf(ReadOnlySpan<byte> keyData)
    {
        if (keyData.Length % Block != 0 || keyData.Length < 2 * Block)
        {
            throw new ArgumentException("Key data must be a whole number of at least two 64-bit blocks.", nameof(keyData));
        }
        return keyData.Length / Block;
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
