using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// A <see cref="Sealed{T}"/> in a compact stored form: its raw ciphertext, length-prefixed, nothing else. As in JSON
/// (<see cref="SealedJsonConverterFactory"/>), one not sealed is refused: nothing personal reaches storage in clear.
/// </summary>
public static class SealedBinary
{
    public static void WriteSealed<T>(this StateWriter writer, Sealed<T>? value) where T : class =>
        writer.Bytes(value is null ? null : value.Ciphertext ?? throw Unsealed<T>());

    public static Sealed<T>? ReadSealed<T>(this ref StateReader reader) where T : class =>
        reader.Bytes() is { } ciphertext ? Sealed<T>.FromCiphertext(ciphertext) : null;

    internal static InvalidOperationException Unsealed<T>() =>
        new($"A personal field ({typeof(T).Name}) was about to be stored unsealed; seal the state before writing it.");
}
