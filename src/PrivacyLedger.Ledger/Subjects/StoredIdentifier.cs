using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Identity;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>
/// An identifier as held: its keyed hash (the index key), what may be shown (masked for the personal identity code,
/// R10), sealed at rest like every personal field, and, for the identity code only, the clear value sealed under the
/// subject's data key.
/// </summary>
public sealed record StoredIdentifier(IdentifierKind Kind, string Hash, Sealed<string> Display, string? Sealed)
{
    public string? DisplayOpened(FieldSealer? sealer) => Display.OpenWith(sealer, SealedFields.IdentifierDisplay);
}
