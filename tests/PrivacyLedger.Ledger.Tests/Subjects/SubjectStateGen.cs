using System.Security.Cryptography;
using CsCheck;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Ledger.Tests.Subjects;

/// <summary>
/// Generated subject states, sealed as stored: typical ones, and the corners the compact form must still hold exactly
/// (texts that look like hex or base64 and are not quite, times with offsets and at the ends of the range, kinds out of
/// range, empty and null lists, optional personal fields given or not).
/// </summary>
internal static class SubjectStateGen
{
    // Any UTF-16 text without lone surrogates (JSON refuses those too, so no stored state has one).
    private static readonly Gen<string> AnyText = Gen.Char['\u0000', '\uD7FF'].Array[0, 12].Select(chars => new string(chars));

    private static readonly Gen<string> HexLike = Gen.OneOf(
        Gen.Byte.Array[1, 40].Select(bytes => Convert.ToHexStringLower(bytes)),
        Gen.Byte.Array[1, 40].Select(bytes => Convert.ToHexString(bytes)),
        Gen.Char["0123456789abcdef"].Array[1, 9].Select(chars => new string(chars)));

    private static readonly Gen<string> Base64Like = Gen.OneOf(
        Gen.Byte.Array[0, 50].Select(Convert.ToBase64String),
        Gen.Char["ABCDabcd0189+/="].Array[4, 12].Select(chars => new string(chars)),
        Gen.Byte.Array[1, 20].Select(bytes => Convert.ToBase64String(bytes) + "\n"));

    public static readonly Gen<string> Text = Gen.Frequency((3, AnyText), (2, HexLike), (1, Base64Like), (1, Gen.Const("")));

    private static readonly Gen<string?> MaybeText = Text.Null(0.2);

    public static readonly Gen<DateTimeOffset> Time = Gen.OneOf(
        Gen.Long[TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay].Select(Gen.Int[-14 * 60, 14 * 60],
            (ticks, minutes) => new DateTimeOffset(ticks, TimeSpan.FromMinutes(minutes))),
        Gen.Long[0, TimeSpan.TicksPerDay * 400].Select(ticks => ImportedPeople.ImportedAt.AddTicks(ticks)),
        Gen.OneOf(Gen.Const(DateTimeOffset.MinValue), Gen.Const(DateTimeOffset.MaxValue), Gen.Const(ImportedPeople.ImportedAt)));

    // Every personal field is held in the state's bundle (attached below); a new placeholder for each, as the codec reads them.
    private static Gen<Sealed<T>> SealedField<T>() where T : class => Gen.Int.Select(_ => Sealed<T>.InBundle());

    private static Gen<Sealed<T>?> OptionalSealedField<T>() where T : class => SealedField<T>().Null(0.25);

    private static readonly Gen<List<string>?> Texts = Text.List[0, 4].Null(0.1);

    private static readonly Gen<StoredIdentifier> Identifier =
        Gen.Select(Gen.Int[-1, 6], Gen.Frequency((4, Gen.Byte.Array[IdentifierIndex.HashBytes].Select(bytes => Convert.ToHexStringLower(bytes))), (1, Text)), SealedField<string>(),
            OptionalSealedField<string>(),
            (kind, hash, display, identityCode) => new StoredIdentifier((IdentifierKind)kind, hash, display, null) { Code = identityCode });

    private static readonly Gen<Membership> Membership =
        Gen.Select(OptionalSealedField<string>(), Time, Time.Nullable(0.3), OptionalSealedField<string>(), Gen.Dictionary(Text, Time.Select(at => new CategoryRecord(at)))[0, 3].Null(0.05),
            (externalId, since, lastActivity, source, categories) => new Membership(externalId, since, lastActivity, source, categories!));

    private static readonly Gen<ConsentRecord> Consent =
        Gen.Select(Texts, SealedField<string>(), OptionalSealedField<string>(), Time, (channels, source, evidence, at) => new ConsentRecord(channels!, source, evidence, at));

    private static readonly Gen<ObjectionRecord> Objection =
        Gen.Select(Texts, SealedField<string>(), OptionalSealedField<string>(), Time, (channels, source, evidence, at) => new ObjectionRecord(channels!, source, evidence, at));

    private static readonly Gen<RestrictionRecord> Restriction = Gen.Select(SealedField<string>(), Time, (reason, at) => new RestrictionRecord(reason, at));

    private static readonly Gen<string> LedgerHead = Gen.Frequency((4, Gen.Byte.Array[IdentifierIndex.HashBytes].Select(bytes => Convert.ToHexStringLower(bytes))), (1, Text));

    public static readonly Gen<SubjectState> State =
        Gen.Select(
            Gen.Select(Gen.Frequency((4, Gen.Byte.Array[16].Select(bytes => (string?)Convert.ToHexStringLower(bytes))), (1, MaybeText)), Time, Identifier.List[0, 5], OptionalSealedField<ContactData>(),
                Gen.Dictionary(Text, Membership)[0, 3]),
            Gen.Select(Gen.Dictionary(Text, Consent)[0, 3], Gen.Dictionary(Text, Objection)[0, 2], Gen.Dictionary(Text, Restriction)[0, 2], Texts, Time.List[0, 3]),
            Gen.Select(Time.Nullable(0.7), Texts, Texts, Texts, Gen.Long, LedgerHead, Gen.Byte.Array[28, 300]),
            (first, second, third) =>
            {
                var (subjectId, createdAt, identifiers, contact, memberships) = first;
                var (consents, objections, restrictions, requestIds, accessRequests) = second;
                var (erasedAt, nothingToErase, receipts, erasedHashes, seq, head, bundle) = third;
                var state = new SubjectState
                {
                    SubjectId = subjectId,
                    CreatedAt = createdAt,
                    Identifiers = identifiers,
                    Contact = contact,
                    Memberships = memberships,
                    Consents = consents,
                    Objections = objections,
                    Restrictions = restrictions,
                    RequestIds = requestIds!,
                    AccessRequests = accessRequests,
                    ErasedAt = erasedAt,
                    NothingToErase = nothingToErase!,
                    ReceiptsRecorded = receipts!,
                    ErasedIdentifierHashes = erasedHashes!,
                    LedgerSeq = seq,
                    LedgerHead = head,
                };
                // Sealed as stored: the fields held in one bundle (here noise of a bundle's length).
                state.AttachBundle(bundle);
                return state;
            });

    /// <summary>A random data key, for states sealed as the import seals them.</summary>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);
}
