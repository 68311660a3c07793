using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// A personal field of a grain's state: in memory its value, at rest only its ciphertext under the subject's data key
/// (<see cref="FieldSealer"/>). A value set in memory is sealed once, before the state's next write; a value read from
/// storage stays sealed until it is opened, so a turn that never shows personal data (a permission check) never decrypts.
/// Writing one that is not sealed throws (<see cref="SealedJsonConverterFactory"/>, <see cref="SealedBinary"/>): nothing personal reaches storage in clear.
/// A value stored in clear by an earlier version loads as a value in memory and is sealed on the next write.
/// </summary>
[JsonConverter(typeof(SealedJsonConverterFactory))]
public sealed class Sealed<T> where T : class
{
    private T? _value;
    private byte[]? _ciphertext;

    private Sealed(T? value, byte[]? ciphertext)
    {
        _value = value;
        _ciphertext = ciphertext;
    }

    /// <summary>A value set in memory, to be sealed before it is stored.</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static implicit operator Sealed<T>?(T? value) => value is null ? null : new(value, null);

    /// <summary>As read from storage.</summary>
    public static Sealed<T> FromCiphertext(byte[] ciphertext) => new(null, ciphertext);

    /// <summary>The ciphertext to store; null until sealed.</summary>
    public byte[]? Ciphertext => _ciphertext;

    public bool IsSealed => _ciphertext is not null;

    /// <summary>The value at hand (set in memory, or opened before) without opening anything; null while only sealed.</summary>
    public T? Opened => _value;

    /// <summary>Seals the value if it is not sealed yet; a no-op for a value read sealed.</summary>
    public Sealed<T> SealWith(FieldSealer sealer, string field)
    {
        _ciphertext ??= sealer.Seal(_value!, field);
        return this;
    }

    /// <summary>
    /// The value: at hand if set or opened before, else decrypted (once). Null when it cannot be read: no key (the
    /// person's data key was destroyed) or a ciphertext that is not this person's field.
    /// </summary>
    public T? OpenWith(FieldSealer? sealer, string field)
    {
        if (_value is null && _ciphertext is not null && sealer is not null)
        {
            _value = sealer.TryOpen<T>(_ciphertext, field);
        }
        return _value;
    }
}
