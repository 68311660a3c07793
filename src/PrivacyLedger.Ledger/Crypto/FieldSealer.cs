using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// Seals and opens one subject's personal fields (AES-256-GCM under the subject's data key). The associated data is the
/// subject id and the field's name (<see cref="SealedFields"/>), so a ciphertext moved to another person or another
/// field does not open. Texts are sealed as their UTF-8, anything else as its JSON. The prepared key is made once and
/// serves every field of the person (preparing it costs more than sealing a short text); not thread-safe, as a grain's
/// turn or one import worker uses it.
/// </summary>
public sealed class FieldSealer(string subjectId, byte[] dataKey) : IDisposable
{
    private AesGcm? _aes;

    public string SubjectId => subjectId;

    private AesGcm Aes => _aes ??= new AesGcm(dataKey, AuthenticatedCipher.TagSize);

    public byte[] Seal<T>(T value, string field) =>
        AuthenticatedCipher.Encrypt(Aes, value is string text ? Encoding.UTF8.GetBytes(text) : JsonSerializer.SerializeToUtf8Bytes(value, LedgerJson.Options), AssociatedData(field));

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
        return typeof(T) == typeof(string) ? (T)(object)Encoding.UTF8.GetString(plain) : JsonSerializer.Deserialize<T>(plain, LedgerJson.Options);
    }

    public void Dispose() => _aes?.Dispose();

    // The subject id, a unit separator, the field: neither contains the separator, so no two pairs share a form.
    private byte[] AssociatedData(string field) => Encoding.UTF8.GetBytes($"{subjectId}\u001f{field}");
}
