using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// A personal field of a grain's state: in memory its value, at rest only its ciphertext under the subject's data key
/// (<see cref="FieldSealer"/>). A value set in memory is sealed once, before the state's next write; a value read from
/// storage stays sealed until it is opened, so a turn that never shows personal data (a permission check) never decrypts.
/// Writing one that is not sealed throws (<see cref="SealedJsonConverterFactory"/>, <see cref="SealedBinary"/>): nothing personal reaches storage in clear.
/// A value stored in clear by an earlier version loads as a value in memory and is sealed on the next write.
/// A subject state's fields are sealed together, in its <see cref="SealedBundle"/>: such a field holds no ciphertext of
/// its own, only its slot in the bundle, and opening it opens the bundle (once for all its fields).
/// </summary>
[JsonConverter(typeof(SealedJsonConverterFactory))]
public sealed class Sealed<T> where T : class
{
    private T? _value;
    private byte[]? _ciphertext;
    private SealedBundle? _bundle;
    private int _slot = Unbound;

    // A field read as "in the state's bundle" before the bundle is attached (the JSON form reads fields first).
    private const int Unbound = -1;

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

    /// <summary>A field held in its state's bundle, at a slot the state's structure gives (<see cref="BindTo"/>).</summary>
    public static Sealed<T> InBundle() => new(null, null);

    /// <summary>The ciphertext of this field alone, to store; null until sealed, and for a field held in a bundle.</summary>
    public byte[]? Ciphertext => _ciphertext;

    /// <summary>Sealed on its own, or held in a bundle.</summary>
    public bool IsSealed => _ciphertext is not null || _bundle is not null;

    /// <summary>Held in a bundle (or read as such, waiting for its bundle), rather than a value or a ciphertext of its own.</summary>
    public bool IsBundled => _bundle is not null || (_value is null && _ciphertext is null);

    /// <summary>Whether this field is held in <paramref name="bundle"/> at <paramref name="slot"/>.</summary>
    public bool IsIn(SealedBundle bundle, int slot) => ReferenceEquals(_bundle, bundle) && _slot == slot;

    /// <summary>
    /// Holds this field in <paramref name="bundle"/> from now on, at <paramref name="slot"/>: a ciphertext of its own (an
    /// earlier version's) is dropped, a value at hand stays at hand.
    /// </summary>
    public void BindTo(SealedBundle bundle, int slot)
    {
        (_bundle, _slot, _ciphertext) = (bundle, slot, null);
    }

    /// <summary>The value at hand (set in memory, or opened before) without opening anything; null while only sealed.</summary>
    public T? Opened => _value;

    /// <summary>Seals the value if it is not sealed yet; a no-op for a value read sealed.</summary>
    public Sealed<T> SealWith(FieldSealer sealer, string field)
    {
        if (_bundle is not null)
        {
            throw new InvalidOperationException("A field held in its state's bundle is sealed with the state (SubjectState.SealWith).");
        }
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
        else if (_value is null && _bundle is not null)
        {
            _value = _bundle.Open<T>(sealer, _slot);
        }
        return _value;
    }
}
