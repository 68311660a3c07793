using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Registers;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>What an enrolment does to a person's state, shared by the subject grain and the bulk importer so both enrol alike.</summary>
internal static class EnrolmentRules
{
    /// <summary>
    /// Checked before anything changes, so a refused enrolment changes nothing: every category exists in the register
    /// and is named once (a second entry would silently replace the first's collection date), and no stated time is in the future.
    /// </summary>
    public static void EnsureValid(Enrolment enrolment, RegisterDefinition register, DateTimeOffset now)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < enrolment.Categories.Count; i++)
        {
            var category = enrolment.Categories[i];
            if (!register.Categories.Exists(c => c.Id == category.Id))
            {
                throw new LedgerValidationException($"categories[{i}].id", $"Register '{register.Id}' has no category '{category.Id}'.");
            }
            if (!named.Add(category.Id))
            {
                throw new LedgerValidationException($"categories[{i}].id", $"Category '{category.Id}' is named more than once; name each category once.");
            }
            TimeBounds.EnsureNotFuture(category.CollectedAt, now, $"categories[{i}].collectedAt");
        }
        TimeBounds.EnsureNotFuture(enrolment.LastActivityAt, now, "lastActivityAt");
    }

    /// <summary>
    /// The membership after the enrolment: new categories collected now unless dated, the first enrolment's date kept.
    /// A category already held keeps its collection date unless the enrolment states another: enrolling the same
    /// person again is not a new collection.
    /// </summary>
    public static Membership Enrol(Membership? existing, Enrolment enrolment, DateTimeOffset now)
    {
        var categories = existing is null ? new Dictionary<string, CategoryRecord>(StringComparer.Ordinal) : new Dictionary<string, CategoryRecord>(existing.Categories, StringComparer.Ordinal);
        foreach (var category in enrolment.Categories)
        {
            if (category.CollectedAt is { } collectedAt)
            {
                categories[category.Id] = new CategoryRecord(collectedAt);
            }
            else
            {
                categories.TryAdd(category.Id, new CategoryRecord(now));
            }
        }
        return new Membership(
            enrolment.ExternalId ?? existing?.ExternalId,
            existing?.Since ?? now,
            enrolment.LastActivityAt ?? existing?.LastActivityAt ?? now,
            enrolment.Source ?? existing?.Source,
            categories);
    }

    /// <summary>
    /// What an enrolment changed in an existing membership, or null when it changed nothing the ledger keeps
    /// (a different source alone is not a change: the same person reported again by another system). The external
    /// ids are compared in clear: <paramref name="sealer"/> opens the one held, needed only when the enrolment gives one.
    /// </summary>
    public static MembershipChange? Changes(Membership existing, Membership updated, FieldSealer? sealer)
    {
        var categories = updated.Categories
            .Where(category => !existing.Categories.TryGetValue(category.Key, out var held) || held != category.Value)
            .Select(category => category.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        var externalId = !ReferenceEquals(updated.ExternalId, existing.ExternalId)
            && updated.ExternalIdOpened(sealer) != existing.ExternalIdOpened(sealer);
        var lastActivity = updated.LastActivityAt != existing.LastActivityAt;
        return categories.Count == 0 && !externalId && !lastActivity ? null : new MembershipChange(categories, externalId, lastActivity);
    }

    /// <summary>
    /// An identifier as held, its values sealed with the state's other fields at its next write. R10: the identity code
    /// is shown masked, its clear value kept (<see cref="StoredIdentifier.Code"/>) for the person's own export only.
    /// </summary>
    public static StoredIdentifier Protect(SubjectIdentifier identifier, string hash) =>
        identifier.Kind == IdentifierKind.Hetu
            ? new StoredIdentifier(identifier.Kind, hash, Hetu.Mask(identifier.Value), null) { Code = identifier.Value }
            : new StoredIdentifier(identifier.Kind, hash, identifier.Value, null);
}

/// <summary>What a further enrolment changed in a membership: the categories added or re-dated, and whether the external id or last activity moved.</summary>
internal sealed record MembershipChange(IReadOnlyList<string> Categories, bool ExternalIdChanged, bool LastActivityChanged);
