namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// The stored form of a wrapped data key, which records the master key version it is wrapped under. Written today:
/// "k&lt;n&gt;:" and the lower-case hex of the AES key wrap's 40 bytes (<see cref="AesKeyWrap"/>). Written before, and still
/// unwrapped: AES-GCM's nonce | ciphertext | tag (60 bytes) as "v&lt;n&gt;:" and hex, or the hex alone for version 1, and
/// before that the same with base64 in place of the hex (version 1 with no prefix, as every key stored before rotation
/// existed). Storage keeps "&lt;prefix&gt;:&lt;hex&gt;" and lower-case hex as the prefix and the raw bytes
/// (<see cref="Storage.CompactKey"/>): 44 bytes at rest today, 61-64 in AES-GCM. Neither hex nor base64 has a ':'.
/// </summary>
public static class WrappedKey
{
    /// <summary>What a wrapped form of an unrecognisable version reads as: no configured key unwraps it.</summary>
    public const int UnknownVersion = 0;

    private const char KeyWrapPrefix = 'k';

    /// <summary>The AES key wrap form (today's) of <paramref name="wrapped"/> under <paramref name="version"/>.</summary>
    public static string FormatKeyWrap(int version, byte[] wrapped) => $"{KeyWrapPrefix}{version}:{Convert.ToHexStringLower(wrapped)}";

    /// <summary>The AES-GCM form, as keys were wrapped before the key wrap (kept for tests and the forms still stored).</summary>
    public static string Format(int version, byte[] sealedKey) =>
        version == 1 ? Convert.ToHexStringLower(sealedKey) : $"v{version}:{Convert.ToHexStringLower(sealedKey)}";

    public static int VersionOf(string wrapped)
    {
        var colon = wrapped.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? 1 : VersionOfTag(wrapped[..colon]);
    }

    /// <summary>True for the AES key wrap form, false for the AES-GCM ones.</summary>
    public static bool IsKeyWrap(string wrapped) => IsKeyWrapTag(TagOf(wrapped));

    /// <summary>
    /// The version of an owner tag (<see cref="Storage.IUniqueIndexStore.CountByOwnerTagAsync"/>): "" is 1, "v2" is 2,
    /// "k1" is 1 and "k2" is 2 (the key wrap form).
    /// </summary>
    public static int VersionOfTag(string tag) =>
        tag.Length == 0 ? 1
        : tag.Length > 1 && tag[0] == 'v' && ParseVersion(tag) is var version and > 1 ? version
        : IsKeyWrapTag(tag) ? ParseVersion(tag)
        : UnknownVersion;

    /// <summary>True for the tag of the key wrap form ("k" and a version of at least 1).</summary>
    public static bool IsKeyWrapTag(string tag) => tag.Length > 1 && tag[0] == KeyWrapPrefix && ParseVersion(tag) >= 1;

    /// <summary>
    /// The wrapped bytes; <see cref="FormatException"/> when the form is not one <see cref="Format"/> or
    /// <see cref="FormatKeyWrap"/> writes or wrote. A base64 text made only of lower-case hex digits, which this would
    /// misread, has a chance of 2^-160 for a sealed key.
    /// </summary>
    public static byte[] SealedBytes(string wrapped)
    {
        var sealedPart = wrapped.AsSpan(wrapped.IndexOf(':', StringComparison.Ordinal) + 1);
        return Storage.CompactKey.IsLowerHex(sealedPart) ? Convert.FromHexString(sealedPart) : Convert.FromBase64String(sealedPart.ToString());
    }

    private static string TagOf(string wrapped)
    {
        var colon = wrapped.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? "" : wrapped[..colon];
    }

    private static int ParseVersion(string tag) =>
        int.TryParse(tag.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : UnknownVersion;
}
