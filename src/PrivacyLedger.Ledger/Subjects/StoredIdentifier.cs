using System.Text.Json.Serialization;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Identity;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>
/// An identifier as held: its keyed hash (the index key), what may be shown (masked for the personal identity code,
/// R10), sealed at rest like every personal field, and, for the identity code only, its clear value (<see cref="Code"/>),
/// sealed at rest in the state's bundle with the other fields. <see cref="Sealed"/> is an earlier version's form of
/// that value (its own ciphertext, base64, the subject id as associated data), read until the state's next write.
/// </summary>
// The JSON order (for rows the compact form cannot hold) stays kind, hash, display, sealed with Hash declared below.
public sealed record StoredIdentifier(IdentifierKind Kind, string Hash, [property: JsonPropertyOrder(1)] Sealed<string> Display, [property: JsonPropertyOrder(1)] string? Sealed)
{
    /// <summary>The keyed hash, in today's length whatever the version that stored it (<see cref="IdentifierIndex.Shorten"/>).</summary>
    public string Hash { get; init; } = IdentifierIndex.Shorten(Hash);

    /// <summary>The identity code in clear, held in the state's bundle; null for every other kind (and in rows of earlier versions, until sealed again).</summary>
    [JsonPropertyOrder(1)]
    public Sealed<string>? Code { get; init; }

    /// <summary>Whether this is the personal identity code: shown masked, and only in the person's own export in clear.</summary>
    [JsonIgnore]
    public bool IsIdentityCode => Code is not null || Sealed is not null;

    public string? DisplayOpened(FieldSealer? sealer) => Display.OpenWith(sealer, SealedFields.IdentifierDisplay);

    /// <summary>The identity code in clear; null for another kind, or when it cannot be opened (the key is gone).</summary>
    public string? CodeOpened(FieldSealer? sealer) =>
        Code is not null ? Code.OpenWith(sealer, SealedFields.IdentityCode) : Sealed is { } alone ? sealer?.TryOpenForSubject(alone) : null;
}
