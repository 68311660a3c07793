using System.Text.Json.Serialization;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Identity;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>
/// An identifier as held: its keyed hash (the index key), what may be shown (masked for the personal identity code,
/// R10), sealed at rest like every personal field, and, for the identity code only, the clear value sealed under the
/// subject's data key.
/// </summary>
// The JSON order (for rows the compact form cannot hold) stays kind, hash, display, sealed with Hash declared below.
public sealed record StoredIdentifier(IdentifierKind Kind, string Hash, [property: JsonPropertyOrder(1)] Sealed<string> Display, [property: JsonPropertyOrder(1)] string? Sealed)
{
    /// <summary>The keyed hash, in today's length whatever the version that stored it (<see cref="IdentifierIndex.Shorten"/>).</summary>
    public string Hash { get; init; } = IdentifierIndex.Shorten(Hash);

    public string? DisplayOpened(FieldSealer? sealer) => Display.OpenWith(sealer, SealedFields.IdentifierDisplay);
}
