using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Gateway.Contracts;

/// <summary>Turns request bodies into domain commands, naming the field at fault when one is wrong.</summary>
public static class RequestValidation
{
    public static Enrolment ToEnrolment(this EnrolRequest request, string registerId)
    {
        if (request.Identifiers is not { Count: > 0 })
        {
            throw new LedgerValidationException("identifiers", "At least one identifier is required.");
        }
        // Field names are made only for an error: an import reads millions of valid rows.
        var identifiers = new List<SubjectIdentifier>(request.Identifiers.Count);
        for (var i = 0; i < request.Identifiers.Count; i++)
        {
            var (kind, value) = (request.Identifiers[i].Kind, request.Identifiers[i].Value);
            identifiers.Add(IdentifierNormalizer.TryNormalize(kind ?? "", value, out var identifier, out _) ? identifier! : ParseIdentifier(kind, value, $"identifiers[{i}]"));
        }
        var categories = new List<CategoryCollection>(request.Categories?.Count ?? 0);
        for (var i = 0; i < (request.Categories?.Count ?? 0); i++)
        {
            var category = request.Categories![i];
            categories.Add(new CategoryCollection(string.IsNullOrWhiteSpace(category.Id) ? Required(category.Id, $"categories[{i}].id") : category.Id, category.CollectedAt));
        }
        return new Enrolment(registerId, identifiers, request.ExternalId, request.Contact ?? new ContactData(), categories, request.Source, request.LastActivityAt);
    }

    public static SubjectIdentifier ParseIdentifier(string? kind, string? value, string field)
    {
        if (!IdentifierNormalizer.TryNormalize(kind ?? "", value, out var identifier, out var error))
        {
            throw new LedgerValidationException(kind is null || !IdentifierKinds.TryParse(kind, out _) ? $"{field}.kind" : $"{field}.value", error!);
        }
        return identifier!;
    }

    /// <summary><c>kind:value</c>, as in <c>?identifier=email:a@b.fi</c>.</summary>
    public static SubjectIdentifier ParseIdentifierQuery(string? query)
    {
        QueryText.Checked(query, "identifier", FieldLimits.Word + 1 + FieldLimits.IdentifierValue);
        var separator = query?.IndexOf(':') ?? -1;
        if (separator <= 0)
        {
            throw new LedgerValidationException("identifier", "Give the identifier as kind:value, e.g. email:a@b.fi.");
        }
        return ParseIdentifier(query![..separator], query[(separator + 1)..], "identifier");
    }

    /// <summary>Channels of a consent or an objection, each one of the vocabulary's, named by index when not.</summary>
    public static List<string> Channels(List<string>? channels)
    {
        for (var i = 0; i < (channels?.Count ?? 0); i++)
        {
            if (!Vocabulary.Channels.Contains(channels![i]))
            {
                throw new LedgerValidationException($"channels[{i}]", $"channels[{i}] must be one of: {string.Join(", ", Vocabulary.Channels)}.");
            }
        }
        return channels ?? [];
    }

    public static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new LedgerValidationException(field, $"{field} is required.") : value;
}
