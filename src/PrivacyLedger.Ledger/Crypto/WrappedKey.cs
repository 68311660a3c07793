namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// The stored form of a wrapped data key, which records the master key version it is wrapped under: "v&lt;n&gt;:" and the
/// lower-case hex of nonce | ciphertext | tag, or the hex alone for version 1. Storage keeps lower-case hex as its bytes
/// (<see cref="Storage.CompactKey"/>), so a wrapped key takes its raw size and the version at rest, not base64 text.
/// Keys wrapped before were written with base64 in place of the hex (version 1 with no prefix, as every key stored before
/// rotation existed); they still read. Neither hex nor base64 has a ':'.
/// </summary>
public static class WrappedKey
{
    /// <summary>What a wrapped form of an unrecognisable version reads as: no configured key unwraps it.</summary>
    public const int UnknownVersion = 0;

    public static string Format(int version, byte[] sealedKey) =>
        version == 1 ? Convert.ToHexStringLower(sealedKey) : $"v{version}:{Convert.ToHexStringLower(sealedKey)}";

    public static int VersionOf(string wrapped)
    {
        var colon = wrapped.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? 1 : VersionOfTag(wrapped[..colon]);
    }

    /// <summary>The version of an owner tag (<see cref="Storage.IUniqueIndexStore.CountByOwnerTagAsync"/>): "" is 1, "v2" is 2.</summary>
    public static int VersionOfTag(string tag) =>
        tag.Length == 0 ? 1
        : tag.Length > 1 && tag[0] == 'v' && int.TryParse(tag.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) && version > 1 ? version
        : UnknownVersion;

    /// <summary>
    /// The sealed key's bytes; <see cref="FormatException"/> when the form is not one <see cref="Format"/> writes or wrote.
    /// A base64 text made only of lower-case hex digits, which this would misread, has a chance of 2^-160 for a sealed key.
    /// </summary>
    public static byte[] SealedBytes(string wrapped)
    {
        var sealedPart = wrapped.AsSpan(wrapped.IndexOf(':', StringComparison.Ordinal) + 1);
        return Storage.CompactKey.IsLowerHex(sealedPart) ? Convert.FromHexString(sealedPart) : Convert.FromBase64String(sealedPart.ToString());
    }
}
