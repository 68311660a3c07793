using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// A <see cref="Sealed{T}"/> in the compact form of subject states before their bundle (format 1): its raw ciphertext,
/// length-prefixed, nothing else. Only read now: a subject state's fields are sealed together (<see cref="SealedBundle"/>).
/// </summary>
public static class SealedBinary
{
    public static Sealed<T>? ReadSealed<T>(this ref StateReader reader) where T : class =>
        reader.Bytes() is { } ciphertext ? Sealed<T>.FromCiphertext(ciphertext) : null;

    internal static InvalidOperationException Unsealed<T>() =>
        new($"A personal field ({typeof(T).Name}) was about to be stored unsealed; seal the state before writing it.");
}
