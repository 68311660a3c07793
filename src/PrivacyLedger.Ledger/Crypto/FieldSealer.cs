using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// Seals and opens one subject's personal fields (AES-256-GCM under the subject's data key). The associated data is the
/// subject id and the field's name (<see cref="SealedFields"/>), so a ciphertext moved to another person or another
/// field does not open.
/// </summary>
public sealed class FieldSealer(string subjectId, byte[] dataKey)
{
    public string SubjectId => subjectId;

    public byte[] Seal<T>(T value, string field) =>
        AuthenticatedCipher.Encrypt(dataKey, JsonSerializer.SerializeToUtf8Bytes(value, LedgerJson.Options), AssociatedData(field));

    /// <summary>The value, or null when the ciphertext does not open under this key and field.</summary>
    public T? TryOpen<T>(byte[] ciphertext, string field) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(AuthenticatedCipher.Decrypt(dataKey, ciphertext, AssociatedData(field)), LedgerJson.Options);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    // The subject id, a unit separator, the field: neither contains the separator, so no two pairs share a form.
    private byte[] AssociatedData(string field) => Encoding.UTF8.GetBytes($"{subjectId}\u001f{field}");
}
