using PrivacyLedger.Ledger.Compact;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Ledger.Imports;

/// <summary>
/// The data of a new person's <c>subject.imported</c> event: their identifiers (as shown), contact data and memberships,
/// read from the state before it is sealed. Its JSON is what the event always held; sealing writes the compact
/// plaintext of that JSON directly (<see cref="ICompactPlainSource"/>), an import's millions of times.
/// </summary>
internal sealed class ImportedEventData(SubjectState state, ContactData contact) : ICompactPlainSource
{
    // Property order and names as the serializer writes them (camelCase, declaration order, nulls left out).
    public IEnumerable<ImportedIdentifier> Identifiers =>
        state.Identifiers.Select(held => new ImportedIdentifier(IdentifierKinds.ToWireName(held.Kind), held.DisplayOpened(null)));

    public ContactData Contact => contact;

    public IEnumerable<ImportedMembership> Memberships =>
        state.Memberships.Select(membership => new ImportedMembership(membership.Key, membership.Value.ExternalIdOpened(null), membership.Value.Categories.Keys, membership.Value.SourceOpened(null)));

    public bool TryWriteCompact(PlainWriter writer)
    {
        writer.StartObject();
        writer.TryName("identifiers");
        writer.StartArray();
        foreach (var held in state.Identifiers)
        {
            writer.StartObject();
            if (!writer.TryProperty("kind", IdentifierKinds.ToWireName(held.Kind)) || !writer.TryProperty("value", held.DisplayOpened(null)))
            {
                return false;
            }
            writer.EndObject();
        }
        writer.EndArray();
        writer.TryName("contact");
        writer.StartObject();
        if (!writer.TryProperty("givenName", contact.GivenName) || !writer.TryProperty("familyName", contact.FamilyName)
            || !writer.TryProperty("email", contact.Email) || !writer.TryProperty("phone", contact.Phone)
            || !writer.TryProperty("address", contact.Address) || !writer.TryProperty("language", contact.Language))
        {
            return false;
        }
        writer.EndObject();
        writer.TryName("memberships");
        writer.StartArray();
        foreach (var (registerId, membership) in state.Memberships)
        {
            writer.StartObject();
            if (!writer.TryProperty("registerId", registerId) || !writer.TryProperty("externalId", membership.ExternalIdOpened(null)))
            {
                return false;
            }
            writer.TryName("categories");
            writer.StartArray();
            foreach (var category in membership.Categories.Keys)
            {
                if (!writer.TryString(category))
                {
                    return false;
                }
            }
            writer.EndArray();
            if (!writer.TryProperty("source", membership.SourceOpened(null)))
            {
                return false;
            }
            writer.EndObject();
        }
        writer.EndArray();
        writer.EndObject();
        return true;
    }

    public sealed record ImportedIdentifier(string Kind, string? Value);

    public sealed record ImportedMembership(string RegisterId, string? ExternalId, IEnumerable<string> Categories, string? Source);
}
