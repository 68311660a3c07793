using PrivacyLedger.Ledger.Identity;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>
/// An identifier as held: its keyed hash (the index key), what may be shown (masked for the personal
/// identity code, R10) and, for the identity code only, the clear value sealed under the subject's data key.
/// </summary>
public sealed record StoredIdentifier(IdentifierKind Kind, string Hash, string Display, string? Sealed);
