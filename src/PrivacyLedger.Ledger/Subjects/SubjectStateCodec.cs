using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>
/// The subject grain's state in its compact stored form (format 1), written for millions of people by the import and
/// read on every activation. Field by field, in declaration order, with nothing named or repeated: ids and hashes as
/// raw bytes, sealed fields as raw ciphertext, times as ticks from <see cref="SubjectState.CreatedAt"/> (an import's
/// dates are that time, one byte each), kinds and counts as varints, texts as length-prefixed UTF-8. The layout is in
/// docs/storage.md; a change to it is a new format byte, with this one still read.
/// </summary>
public sealed class SubjectStateCodec : GrainStateCodec<SubjectState>
{
    public const byte Version1 = 0x01;

    public override byte Format => Version1;

    protected override void Write(StateWriter writer, SubjectState state)
    {
        writer.Text(state.SubjectId);
        writer.Time(state.CreatedAt);
        var origin = state.CreatedAt.UtcTicks;

        writer.Count(state.Identifiers?.Count);
        foreach (var identifier in state.Identifiers ?? [])
        {
            Held(identifier);
            writer.VarInt((long)identifier.Kind);
            writer.Text(identifier.Hash);
            writer.WriteSealed(identifier.Display);
            // The identity code's ciphertext, held as base64 in the record.
            writer.Text(identifier.Sealed, TextForms.Base64);
        }
        writer.WriteSealed(state.Contact);

        writer.Count(state.Memberships?.Count);
        foreach (var (registerId, membership) in state.Memberships ?? [])
        {
            Held(membership);
            writer.Text(registerId);
            writer.WriteSealed(membership.ExternalId);
            writer.Time(membership.Since, origin);
            writer.Time(membership.LastActivityAt, origin);
            writer.WriteSealed(membership.Source);
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
            writer.Text(purposeId);
            Texts(writer, consent.Channels);
            writer.WriteSealed(consent.Source);
            writer.WriteSealed(consent.Evidence);
            writer.Time(consent.GrantedAt, origin);
        }

        writer.Count(state.Objections?.Count);
        foreach (var (scope, objection) in state.Objections ?? [])
        {
            Held(objection);
            writer.Text(scope);
            Texts(writer, objection.Channels);
            writer.WriteSealed(objection.Source);
            writer.WriteSealed(objection.Evidence);
            writer.Time(objection.At, origin);
        }

        writer.Count(state.Restrictions?.Count);
        foreach (var (registerId, restriction) in state.Restrictions ?? [])
        {
            Held(restriction);
            writer.Text(registerId);
            writer.WriteSealed(restriction.Reason);
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
    }

    protected override SubjectState Read(ref StateReader reader)
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
