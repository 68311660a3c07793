using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PrivacyLedger.Ledger.Compact;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// Seals and opens one subject's personal fields (AES-256-GCM under the subject's data key). The associated data is the
/// subject id and the field's name (<see cref="SealedFields"/>), so a ciphertext moved to another person or another
/// field does not open. Texts are sealed as their UTF-8, anything else as its JSON in the compact binary form
/// (<see cref="CompactPlain"/>; JSON sealed by earlier versions still opens). The prepared key is made once and serves
/// every field of the person (preparing it costs more than sealing a short text); not thread-safe, as a grain's turn or
/// one import worker uses it. An import passes its worker's <see cref="RandomSupply"/> for the nonces (one call into the
/// CSPRNG per few hundred seals, not one per seal); everyone else leaves it out and each seal draws its own.
/// </summary>
public sealed class FieldSealer(string subjectId, byte[] dataKey, RandomSupply? nonces = null) : IDisposable
{
    // Subject ids are 32 hex digits and field names short: the associated data fits the stack.
    private const int StackAssociatedData = 128;

    private AesGcm? _aes;
    private byte[]? _subjectIdBytes;

    public string SubjectId => subjectId;

    private AesGcm Aes => _aes ??= new AesGcm(dataKey, AuthenticatedCipher.TagSize);

    private byte[] SubjectIdBytes => _subjectIdBytes ??= Encoding.UTF8.GetBytes(subjectId);

    public byte[] Seal<T>(T value, string field)
    {
        var associatedData = AssociatedData(field, stackalloc byte[StackAssociatedData]);
        if (value is string text)
        {
            return AuthenticatedCipher.Encrypt(Aes, Encoding.UTF8.GetBytes(text), associatedData, nonces);
        }
        using var plain = CompactPlain.FromJson(JsonSerializer.SerializeToUtf8Bytes(value, LedgerJson.Options));
        return AuthenticatedCipher.Encrypt(Aes, plain.Span, associatedData, nonces);
    }

    /// <summary>Seals bytes already in their stored plaintext form (a state's <see cref="SealedBundle"/>) under <paramref name="field"/>.</summary>
    public byte[] SealBytes(ReadOnlySpan<byte> plaintext, string field) =>
        AuthenticatedCipher.Encrypt(Aes, plaintext, AssociatedData(field, stackalloc byte[StackAssociatedData]), nonces);

    /// <summary>The plaintext, or null when the ciphertext does not open under this key and field.</summary>
    public byte[]? TryOpenBytes(byte[] ciphertext, string field)
    {
        try
        {
            return AuthenticatedCipher.Decrypt(Aes, ciphertext, AssociatedData(field, stackalloc byte[StackAssociatedData]));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>
    /// Seals data bound to the subject alone (the subject id as associated data), as ledger events' data and the identity
    /// code are, with the same prepared key as the fields.
    /// </summary>
    public byte[] SealForSubject(ReadOnlySpan<byte> plaintext) => AuthenticatedCipher.Encrypt(Aes, plaintext, SubjectIdBytes, nonces);

    /// <summary>What <see cref="SealForSubject"/> sealed, as UTF-8 text (given as base64), or null when it does not open.</summary>
    public string? TryOpenForSubject(string base64Ciphertext)
    {
        try
        {
            return Encoding.UTF8.GetString(AuthenticatedCipher.Decrypt(Aes, Convert.FromBase64String(base64Ciphertext), SubjectIdBytes));
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The value, or null when the ciphertext does not open under this key and field.</summary>
    public T? TryOpen<T>(byte[] ciphertext, string field) where T : class
    {
        if (TryOpenBytes(ciphertext, field) is not { } plain)
        {
            return null;
        }
        return typeof(T) == typeof(string) ? (T)(object)Encoding.UTF8.GetString(plain) : CompactPlain.Deserialize<T>(plain, LedgerJson.Options);
    }

    public void Dispose() => _aes?.Dispose();

    // The subject id, a unit separator, the field: neither contains the separator, so no two pairs share a form.
    // Written into the caller's buffer (or a new one when it is too small): one per sealed field adds up in an import.
    private ReadOnlySpan<byte> AssociatedData(string field, Span<byte> buffer)
    {
        var id = SubjectIdBytes;
        var length = id.Length + 1 + Encoding.UTF8.GetByteCount(field);
        if (length > buffer.Length)
        {
            buffer = new byte[length];
        }
        id.CopyTo(buffer);
        buffer[id.Length] = 0x1f;
        Encoding.UTF8.GetBytes(field, buffer[(id.Length + 1)..]);
        return buffer[..length];
    }
}
