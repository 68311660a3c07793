using System.Text;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Registers;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>What an enrolment does to a person's state, shared by the subject grain and the bulk importer so both enrol alike.</summary>
internal static class EnrolmentRules
{
    /// <summary>Checked before anything changes, so a refused enrolment changes nothing.</summary>
    public static void EnsureCategoriesExist(Enrolment enrolment, RegisterDefinition register)
    {
        for (var i = 0; i < enrolment.Categories.Count; i++)
        {
            if (!register.Categories.Exists(c => c.Id == enrolment.Categories[i].Id))
            {
                throw new LedgerValidationException($"categories[{i}].id", $"Register '{register.Id}' has no category '{enrolment.Categories[i].Id}'.");
            }
        }
    }

    /// <summary>The membership after the enrolment: categories collected now unless dated, the first enrolment's date kept.</summary>
    public static Membership Enrol(Membership? existing, Enrolment enrolment, DateTimeOffset now)
    {
        var categories = existing is null ? new Dictionary<string, CategoryRecord>(StringComparer.Ordinal) : new Dictionary<string, CategoryRecord>(existing.Categories, StringComparer.Ordinal);
        foreach (var category in enrolment.Categories)
        {
            categories[category.Id] = new CategoryRecord(category.CollectedAt ?? now);
        }
        return new Membership(
            enrolment.ExternalId ?? existing?.ExternalId,
            existing?.Since ?? now,
            enrolment.LastActivityAt ?? existing?.LastActivityAt ?? now,
            enrolment.Source ?? existing?.Source,
            categories);
    }

    /// <summary>Whether the identifier needs the subject's data key to be stored (only the identity code does).</summary>
    public static bool NeedsDataKey(SubjectIdentifier identifier) => identifier.Kind == IdentifierKind.Hetu;

    /// <summary>An identifier as stored; <paramref name="dataKey"/> is needed only when <see cref="NeedsDataKey"/> says so.</summary>
    public static StoredIdentifier Protect(SubjectIdentifier identifier, string hash, byte[]? dataKey, string subjectId)
    {
        if (!NeedsDataKey(identifier))
        {
            return new StoredIdentifier(identifier.Kind, hash, identifier.Value, null);
        }
        // R10: the identity code is kept only sealed under the subject's key and shown masked.
        ArgumentNullException.ThrowIfNull(dataKey);
        var sealedValue = Convert.ToBase64String(AuthenticatedCipher.Encrypt(dataKey, Encoding.UTF8.GetBytes(identifier.Value), Encoding.UTF8.GetBytes(subjectId)));
        return new StoredIdentifier(identifier.Kind, hash, Hetu.Mask(identifier.Value), sealedValue);
    }
}
