using System.Collections.Frozen;

namespace PrivacyLedger.Ledger.Chain;

/// <summary>
/// One-byte codes for the known event types in the binary stored form. Stored data depends on them: append new
/// types at the end, never reorder or reuse a code. A type without a code is stored as its text (code 0).
/// </summary>
public static class LedgerEventTypeCodes
{
    /// <summary>The code meaning "the type's text follows".</summary>
    public const byte Text = 0;

    // Index = code; index 0 is the text fallback.
    private static readonly string?[] Types =
    [
        null,
        LedgerEventTypes.SubjectCreated,
        LedgerEventTypes.SubjectImported,
        LedgerEventTypes.MembershipEnrolled,
        LedgerEventTypes.MembershipUpdated,
        LedgerEventTypes.ContactRectified,
        LedgerEventTypes.IdentifierAdded,
        LedgerEventTypes.ConsentGranted,
        LedgerEventTypes.ConsentWithdrawn,
        LedgerEventTypes.ObjectionRegistered,
        LedgerEventTypes.ObjectionWithdrawn,
        LedgerEventTypes.RestrictionSet,
        LedgerEventTypes.RestrictionLifted,
        LedgerEventTypes.PersonalDataRead,
        LedgerEventTypes.PersonalDataExported,
        LedgerEventTypes.RequestReceived,
        LedgerEventTypes.ErasureHeld,
        LedgerEventTypes.ErasureAwaitingConfirmation,
        LedgerEventTypes.MembershipErased,
        LedgerEventTypes.ErasureNothingToErase,
        LedgerEventTypes.ReceiptIssued,
        LedgerEventTypes.SubjectErased,
        LedgerEventTypes.RetentionExpired,
        LedgerEventTypes.RetentionAwaitingConfirmation,
    ];

    private static readonly FrozenDictionary<string, byte> Codes =
        Enumerable.Range(1, Types.Length - 1).ToFrozenDictionary(code => Types[code]!, code => (byte)code, StringComparer.Ordinal);

    /// <summary>The known types, by code (for tests and documentation).</summary>
    public static IReadOnlyList<string?> All => Types;

    /// <summary>The type's code, or <see cref="Text"/> when it has none.</summary>
    public static byte CodeOf(string type) => Codes.GetValueOrDefault(type, Text);

    /// <summary>The type a code stands for (the same string instance each time); null for the text code or one this version does not know.</summary>
    public static string? TypeOf(byte code) => code < Types.Length ? Types[code] : null;
}
