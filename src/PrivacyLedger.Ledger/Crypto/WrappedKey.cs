namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// The stored form of a wrapped data key, which records the master key version it is wrapped under: "v&lt;n&gt;:" and the
/// base64 of nonce | ciphertext | tag. Version 1 has no prefix, as every key stored before rotation existed, so those
/// read as version 1 and a node of the previous release still reads what a version-1 node writes. Base64 has no ':'.
/// </summary>
public static class WrappedKey
{
    /// <summary>What a wrapped form of an unrecognisable version reads as: no configured key unwraps it.</summary>
    public const int UnknownVersion = 0;

    public static string Format(int version, byte[] sealedKey) =>
        version == 1 ? Convert.ToBase64String(sealedKey) : $"v{version}:{Convert.ToBase64String(sealedKey)}";

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

    /// <summary>The sealed key's bytes; <see cref="FormatException"/> when the form is not one <see cref="Format"/> writes.</summary>
    public static byte[] SealedBytes(string wrapped) => Convert.FromBase64String(wrapped[(wrapped.IndexOf(':', StringComparison.Ordinal) + 1)..]);
}
