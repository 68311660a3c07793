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
/// one import worker uses it.
/// </summary>
public sealed class FieldSealer(string subjectId, byte[] dataKey) : IDisposable
{
    private AesGcm? _aes;

    public string SubjectId => subjectId;

    private AesGcm Aes => _aes ??= new AesGcm(dataKey, AuthenticatedCipher.TagSize);

    public byte[] Seal<T>(T value, string field)
    {
        if (value is string text)
        {
            return AuthenticatedCipher.Encrypt(Aes, Encoding.UTF8.GetBytes(text), AssociatedData(field));
        }
        using var plain = CompactPlain.FromJson(JsonSerializer.SerializeToUtf8Bytes(value, LedgerJson.Options));
        return AuthenticatedCipher.Encrypt(Aes, plain.Span, AssociatedData(field));
    }

    /// <summary>The value, or null when the ciphertext does not open under this key and field.</summary>
    public T? TryOpen<T>(byte[] ciphertext, string field) where T : class
    {
        byte[] plain;
        try
        {
            plain = AuthenticatedCipher.Decrypt(Aes, ciphertext, AssociatedData(field));
        }
        catch (CryptographicException)
        {
            return null;
        }
        return typeof(T) == typeof(string) ? (T)(object)Encoding.UTF8.GetString(plain) : CompactPlain.Deserialize<T>(plain, LedgerJson.Options);
    }

    public void Dispose() => _aes?.Dispose();

    // The subject id, a unit separator, the field: neither contains the separator, so no two pairs share a form.
    private byte[] AssociatedData(string field) => Encoding.UTF8.GetBytes($"{subjectId}\u001f{field}");
}
