using PrivacyLedger.Ledger.Crypto;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>
/// The walk over a subject state's personal text fields that gives each its slot in the state's <see cref="SealedBundle"/>.
/// Every write walks it (is everything in the bundle?), the import for each of its people: visitors are structs and
/// maps are walked with their own enumerators, so a walk allocates nothing.
/// </summary>
public sealed partial class SubjectState
{
    /// <summary>Whether every personal field is in <see cref="Bundle"/> at its slot, and it holds no other (none: no bundle).</summary>
    internal bool SealedTogether()
    {
        var bundle = Bundle;
        // An identity code an earlier version sealed alone is not in the bundle.
        if (Identifiers is not null && Identifiers.Exists(identifier => identifier?.Sealed is not null))
        {
            return false;
        }
        var check = new TogetherCheck(bundle);
        WalkTexts(ref check);
        if (check.Slot == 0 && Contact is null)
        {
            return bundle is null;
        }
        return check.Together && bundle is not null && bundle.Texts == check.Slot && bundle.HasContact == Contact is not null
            && (Contact is null || Contact.IsIn(bundle, 0));
    }

    private int CountTexts()
    {
        var counter = new Counter();
        WalkTexts(ref counter);
        return counter.Count;
    }

    /// <summary>
    /// The personal text fields in the one order the bundle's slots follow, with their names (the associated data of an
    /// earlier version's own ciphertexts): each identifier's display and identity code (if it is one), each
    /// membership's external id and source (when given), each consent's and objection's source and evidence (when
    /// given), each restriction's reason. Maps are walked in their order, which the stored forms keep.
    /// </summary>
    private void WalkTexts<TVisitor>(ref TVisitor visitor) where TVisitor : struct, IFieldVisitor
    {
        foreach (var identifier in Identifiers ?? [])
        {
            Visit(ref visitor, identifier?.Display, SealedFields.IdentifierDisplay);
            Visit(ref visitor, identifier?.Code, SealedFields.IdentityCode);
        }
        if (Memberships is { } memberships)
        {
            foreach (var membership in memberships.Values)
            {
                Visit(ref visitor, membership?.ExternalId, SealedFields.MembershipExternalId);
                Visit(ref visitor, membership?.Source, SealedFields.MembershipSource);
            }
        }
        if (Consents is { } consents)
        {
            foreach (var consent in consents.Values)
            {
                Visit(ref visitor, consent?.Source, SealedFields.ConsentSource);
                Visit(ref visitor, consent?.Evidence, SealedFields.ConsentEvidence);
            }
        }
        if (Objections is { } objections)
        {
            foreach (var objection in objections.Values)
            {
                Visit(ref visitor, objection?.Source, SealedFields.ObjectionSource);
                Visit(ref visitor, objection?.Evidence, SealedFields.ObjectionEvidence);
            }
        }
        if (Restrictions is { } restrictions)
        {
            foreach (var restriction in restrictions.Values)
            {
                Visit(ref visitor, restriction?.Reason, SealedFields.RestrictionReason);
            }
        }
    }

    private static void Visit<TVisitor>(ref TVisitor visitor, Sealed<string>? field, string name) where TVisitor : struct, IFieldVisitor
    {
        if (field is not null)
        {
            visitor.Visit(field, name);
        }
    }

    private interface IFieldVisitor
    {
        void Visit(Sealed<string> field, string name);
    }

    private struct Counter : IFieldVisitor
    {
        public int Count;

        public void Visit(Sealed<string> field, string name) => Count++;
    }

    private struct TogetherCheck(SealedBundle? bundle) : IFieldVisitor
    {
        public int Slot;
        public bool Together = true;

        public void Visit(Sealed<string> field, string name)
        {
            Together &= bundle is not null && field.IsIn(bundle, Slot);
            Slot++;
        }
    }

    /// <summary>Each field's value in clear, opened if it is not at hand.</summary>
    private struct Opener(FieldSealer sealer, string?[] values) : IFieldVisitor
    {
        private int _slot;

        public readonly string?[] Values => values;

        public void Visit(Sealed<string> field, string name) => values[_slot++] = field.OpenWith(sealer, name);
    }

    /// <summary>Binds each field (or only those read as held in a bundle) to its slot in <paramref name="bundle"/>.</summary>
    private struct Binder(SealedBundle bundle, bool onlyBundled) : IFieldVisitor
    {
        private int _slot;

        public void Visit(Sealed<string> field, string name)
        {
            if (!onlyBundled || field.IsBundled)
            {
                field.BindTo(bundle, _slot);
            }
            _slot++;
        }
    }
}
