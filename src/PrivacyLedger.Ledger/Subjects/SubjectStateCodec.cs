using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>
/// The subject grain's state in its compact stored form (format 2), written for millions of people by the import and
/// read on every activation. Field by field, in declaration order, with nothing named or repeated: ids and hashes as
/// raw bytes, times as ticks from <see cref="SubjectState.CreatedAt"/> (an import's dates are that time, one byte each),
/// kinds and counts as varints, texts as length-prefixed UTF-8. The personal fields are not among them: only whether
/// each optional one is given (a flags byte), and at the end the one ciphertext that holds them all
/// (<see cref="SealedBundle"/>), their slots given by this structure. Format 1 (each personal field its own ciphertext)
/// is still read; such a state is sealed together on its next write. The layout is in docs/storage.md; a change to it
/// is a new format byte, with this one still read.
/// </summary>
public sealed class SubjectStateCodec : GrainStateCodec<SubjectState>
{
    public const byte Version1 = 0x01;
    public const byte Version2 = 0x02;

    private const byte HasContact = 1;
    private const byte HasCode = 1;
    private const byte HasExternalId = 1;
    private const byte HasSource = 2;
    private const byte HasEvidence = 1;

    public override byte Format => Version2;

    protected override IReadOnlyCollection<byte> EarlierFormats { get; } = [Version1];

    protected override void Write(StateWriter writer, SubjectState state)
    {
        // The personal fields are in the bundle, at slots the structure gives: only whether each optional one is given is written here.
        state.EnsureSealedTogether();
        writer.Text(state.SubjectId);
        writer.Time(state.CreatedAt);
        var origin = state.CreatedAt.UtcTicks;
        writer.Byte(state.Contact is null ? (byte)0 : HasContact);

        writer.Count(state.Identifiers?.Count);
        foreach (var identifier in state.Identifiers ?? [])
        {
            Held(identifier);
            Held(identifier.Display);
            writer.VarInt((long)identifier.Kind);
            writer.Text(identifier.Hash);
            writer.Byte(identifier.Code is null ? (byte)0 : HasCode);
        }

        writer.Count(state.Memberships?.Count);
        foreach (var (registerId, membership) in state.Memberships ?? [])
        {
            Held(membership);
            writer.Text(registerId);
            writer.Byte((byte)((membership.ExternalId is null ? 0 : HasExternalId) | (membership.Source is null ? 0 : HasSource)));
            writer.Time(membership.Since, origin);
            writer.Time(membership.LastActivityAt, origin);
            writer.Count(membership.Categories?.Count);
            foreach (var (categoryId, category) in membership.Categories ?? [])
            {
                Held(category);
                writer.Text(categoryId);
                writer.Time(category.CollectedAt, origin);
            }
        }

        writer.Count(state.Consents?.Count);
        foreach (var (purposeId, consent) in state.Consents ?? [])
        {
            Held(consent);
            Held(consent.Source);
            writer.Text(purposeId);
            Texts(writer, consent.Channels);
            writer.Byte(consent.Evidence is null ? (byte)0 : HasEvidence);
            writer.Time(consent.GrantedAt, origin);
        }

        writer.Count(state.Objections?.Count);
        foreach (var (scope, objection) in state.Objections ?? [])
        {
            Held(objection);
            Held(objection.Source);
            writer.Text(scope);
            Texts(writer, objection.Channels);
            writer.Byte(objection.Evidence is null ? (byte)0 : HasEvidence);
            writer.Time(objection.At, origin);
        }

        writer.Count(state.Restrictions?.Count);
        foreach (var (registerId, restriction) in state.Restrictions ?? [])
        {
            Held(restriction);
            Held(restriction.Reason);
            writer.Text(registerId);
            writer.Time(restriction.At, origin);
        }

        Texts(writer, state.RequestIds);
        writer.Count(state.AccessRequests?.Count);
        foreach (var at in state.AccessRequests ?? [])
        {
            writer.Time(at, origin);
        }
        writer.Time(state.ErasedAt, origin);
        Texts(writer, state.NothingToErase);
        Texts(writer, state.ReceiptsRecorded);
        Texts(writer, state.ErasedIdentifierHashes);
        writer.VarInt(state.LedgerSeq);
        writer.Text(state.LedgerHead);
        // Last, as the fields it holds must be read first to attach it. Null when the state holds no personal field.
        writer.Bytes(state.Bundle?.Ciphertext);
    }

    protected override SubjectState Read(ref StateReader reader)
    {
        var state = new SubjectState { SubjectId = reader.Text(), CreatedAt = reader.RequiredTime() };
        var origin = state.CreatedAt.UtcTicks;
        var contactFlags = reader.Byte();
        state.Contact = (contactFlags & HasContact) != 0 ? Sealed<ContactData>.InBundle() : null;

        var identifiers = reader.Count();
        state.Identifiers = identifiers is { } identifiersCapacity ? new List<StoredIdentifier>(identifiersCapacity) : null!;
        for (var i = 0; i < identifiers; i++)
        {
            var (kind, hash, flags) = ((IdentifierKind)reader.VarInt(), reader.Text()!, reader.Byte());
            state.Identifiers.Add(new StoredIdentifier(kind, hash, Sealed<string>.InBundle(), null) { Code = Bundled<string>(flags, HasCode) });
        }

        var memberships = reader.Count();
        state.Memberships = memberships is { } membershipsCapacity ? new Dictionary<string, Membership>(membershipsCapacity) : null!;
        for (var i = 0; i < memberships; i++)
        {
            var registerId = reader.Text()!;
            var flags = reader.Byte();
            var (since, lastActivityAt) = (reader.RequiredTime(origin), reader.Time(origin));
            var categoryCount = reader.Count();
            var categories = categoryCount is { } n ? new Dictionary<string, CategoryRecord>(n) : null!;
            for (var c = 0; c < categoryCount; c++)
            {
                categories.Add(reader.Text()!, new CategoryRecord(reader.RequiredTime(origin)));
            }
            state.Memberships.Add(registerId, new Membership(Bundled<string>(flags, HasExternalId), since, lastActivityAt, Bundled<string>(flags, HasSource), categories));
        }

        var consents = reader.Count();
        state.Consents = consents is { } consentsCapacity ? new Dictionary<string, ConsentRecord>(consentsCapacity) : null!;
        for (var i = 0; i < consents; i++)
        {
            var (purposeId, channels, flags) = (reader.Text()!, Texts(ref reader)!, reader.Byte());
            state.Consents.Add(purposeId, new ConsentRecord(channels, Sealed<string>.InBundle(), Bundled<string>(flags, HasEvidence), reader.RequiredTime(origin)));
        }

        var objections = reader.Count();
        state.Objections = objections is { } objectionsCapacity ? new Dictionary<string, ObjectionRecord>(objectionsCapacity) : null!;
        for (var i = 0; i < objections; i++)
        {
            var (scope, channels, flags) = (reader.Text()!, Texts(ref reader)!, reader.Byte());
            state.Objections.Add(scope, new ObjectionRecord(channels, Sealed<string>.InBundle(), Bundled<string>(flags, HasEvidence), reader.RequiredTime(origin)));
        }

        var restrictions = reader.Count();
        state.Restrictions = restrictions is { } restrictionsCapacity ? new Dictionary<string, RestrictionRecord>(restrictionsCapacity) : null!;
        for (var i = 0; i < restrictions; i++)
        {
            state.Restrictions.Add(reader.Text()!, new RestrictionRecord(Sealed<string>.InBundle(), reader.RequiredTime(origin)));
        }

        ReadTail(ref reader, state, origin);
        state.AttachBundle(reader.Bytes());
        return state;
    }

    protected override SubjectState ReadEarlier(ref StateReader reader, byte format) => ReadVersion1(ref reader);

    private static Sealed<T>? Bundled<T>(byte flags, byte flag) where T : class => (flags & flag) != 0 ? Sealed<T>.InBundle() : null;

    // What follows the records, alike in both formats.
    private static void ReadTail(ref StateReader reader, SubjectState state, long origin)
    {
        state.RequestIds = Texts(ref reader)!;
        var accessRequests = reader.Count();
        state.AccessRequests = accessRequests is { } accessRequestsCapacity ? new List<DateTimeOffset>(accessRequestsCapacity) : null!;
        for (var i = 0; i < accessRequests; i++)
        {
            state.AccessRequests.Add(reader.RequiredTime(origin));
        }
        state.ErasedAt = reader.Time(origin);
        state.NothingToErase = Texts(ref reader)!;
        state.ReceiptsRecorded = Texts(ref reader)!;
        state.ErasedIdentifierHashes = Texts(ref reader)!;
        state.LedgerSeq = reader.VarInt();
        state.LedgerHead = reader.Text()!;
    }

    // Format 1 (until issue 13's sealed bundle): each personal field its own ciphertext, read as such and sealed
    // together on the state's next write.
    private static SubjectState ReadVersion1(ref StateReader reader)
    {
        var state = new SubjectState { SubjectId = reader.Text(), CreatedAt = reader.RequiredTime() };
        var origin = state.CreatedAt.UtcTicks;

        var identifiers = reader.Count();
        state.Identifiers = identifiers is { } identifiersCapacity ? new List<StoredIdentifier>(identifiersCapacity) : null!;
        for (var i = 0; i < identifiers; i++)
        {
            state.Identifiers.Add(new StoredIdentifier((IdentifierKind)reader.VarInt(), reader.Text()!, reader.ReadSealed<string>()!, reader.Text()));
        }
        state.Contact = reader.ReadSealed<ContactData>();

        var memberships = reader.Count();
        state.Memberships = memberships is { } membershipsCapacity ? new Dictionary<string, Membership>(membershipsCapacity) : null!;
        for (var i = 0; i < memberships; i++)
        {
            var registerId = reader.Text()!;
            var (externalId, since, lastActivityAt, source) = (reader.ReadSealed<string>(), reader.RequiredTime(origin), reader.Time(origin), reader.ReadSealed<string>());
            var categoryCount = reader.Count();
            var categories = categoryCount is { } n ? new Dictionary<string, CategoryRecord>(n) : null!;
            for (var c = 0; c < categoryCount; c++)
            {
                categories.Add(reader.Text()!, new CategoryRecord(reader.RequiredTime(origin)));
            }
            state.Memberships.Add(registerId, new Membership(externalId, since, lastActivityAt, source, categories));
        }

        var consents = reader.Count();
        state.Consents = consents is { } consentsCapacity ? new Dictionary<string, ConsentRecord>(consentsCapacity) : null!;
        for (var i = 0; i < consents; i++)
        {
            state.Consents.Add(reader.Text()!, new ConsentRecord(Texts(ref reader)!, reader.ReadSealed<string>()!, reader.ReadSealed<string>(), reader.RequiredTime(origin)));
        }

        var objections = reader.Count();
        state.Objections = objections is { } objectionsCapacity ? new Dictionary<string, ObjectionRecord>(objectionsCapacity) : null!;
        for (var i = 0; i < objections; i++)
        {
            state.Objections.Add(reader.Text()!, new ObjectionRecord(Texts(ref reader)!, reader.ReadSealed<string>()!, reader.ReadSealed<string>(), reader.RequiredTime(origin)));
        }

        var restrictions = reader.Count();
        state.Restrictions = restrictions is { } restrictionsCapacity ? new Dictionary<string, RestrictionRecord>(restrictionsCapacity) : null!;
        for (var i = 0; i < restrictions; i++)
        {
            state.Restrictions.Add(reader.Text()!, new RestrictionRecord(reader.ReadSealed<string>()!, reader.RequiredTime(origin)));
        }

        ReadTail(ref reader, state, origin);
        return state;
    }

    private static void Texts(StateWriter writer, List<string>? texts)
    {
        writer.Count(texts?.Count);
        foreach (var text in texts ?? [])
        {
            writer.Text(text);
        }
    }

    private static List<string>? Texts(ref StateReader reader)
    {
        if (reader.Count() is not { } count)
        {
            return null;
        }
        var texts = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            texts.Add(reader.Text()!);
        }
        return texts;
    }

    // The form has no null for a record in a list or map (no state the ledger writes has one): such a state is stored as JSON.
    private static void Held(object? record)
    {
        if (record is null)
        {
            throw new StateNotHeldException();
        }
    }
}
