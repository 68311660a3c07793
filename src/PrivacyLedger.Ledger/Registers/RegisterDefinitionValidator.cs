using System.Text.RegularExpressions;

namespace PrivacyLedger.Ledger.Registers;

/// <summary>Checks a definition before it is stored; each error names the field as the API and YAML spell it.</summary>
public static partial class RegisterDefinitionValidator
{
    public sealed record Error(string Field, string Message);

    public static IReadOnlyList<Error> Validate(RegisterDefinition definition)
    {
        var errors = new List<Error>();
        void Check(bool ok, string field, string message)
        {
            if (!ok)
            {
                errors.Add(new Error(field, message));
            }
        }

        // Explicit nulls (JSON null, an empty YAML item) would fail later on the hot path: refuse them here.
        Check(definition.Purposes is not null && definition.Purposes.TrueForAll(p => p is not null && p.ObjectionScopes is not null && p.Name is not null),
            "purposes", "Purposes must be a list of purposes, each with a name and a list of objection scopes (empty for none).");
        Check(definition.Categories is not null && definition.Categories.TrueForAll(c => c is not null && c.Name is not null),
            "categories", "Categories must be a list of categories, each with a name.");
        Check(definition.Sources is not null && definition.Sources.TrueForAll(source => source is not null), "sources", "Sources must be a list (empty for none).");
        Check(definition.Recipients is not null && definition.Recipients.TrueForAll(recipient => recipient is not null), "recipients", "Recipients must be a list (empty for none).");
        Check(definition.Rights is not null && definition.Rights.Granted is not null, "rights", "The rights the register states are required.");
        Check(definition.Controller is not null, "controller", "The controller is required.");
        if (errors.Count > 0)
        {
            return errors;
        }

        Check(Id().IsMatch(definition.Id ?? ""), "id", "Must be lower-case letters, digits and hyphens (2-64), e.g. 'pk-terveys-customers'.");
        Check(HasText(definition.Name), "name", "A name in at least one of fi, sv, en is required.");
        Check(!string.IsNullOrWhiteSpace(definition.Controller?.Name), "controller.name", "The controller's name is required.");
        Check(definition.Controller?.BusinessId is null || BusinessId().IsMatch(definition.Controller.BusinessId), "controller.businessId", "A Finnish business id looks like 1234567-8.");
        Check(definition.Purposes is { Count: > 0 }, "purposes", "At least one purpose is required.");
        Check(definition.Rights is null || definition.Rights.DeadlineMonths is >= 1 and <= 3, "rights.deadlineMonths", "Must be 1, 2 or 3.");

        CheckUnique(definition.Purposes ?? [], p => p.Id, "purposes", errors);
        for (var i = 0; i < (definition.Purposes?.Count ?? 0); i++)
        {
            var purpose = definition.Purposes![i];
            Check(Id().IsMatch(purpose.Id ?? ""), $"purposes[{i}].id", "Must be lower-case letters, digits and hyphens.");
            Check(HasText(purpose.Name), $"purposes[{i}].name", "A name is required.");
            foreach (var scope in purpose.ObjectionScopes ?? [])
            {
                Check(Vocabulary.ObjectionScopes.Contains(scope), $"purposes[{i}].objectionScopes",
                    $"Unknown scope '{scope}'; scopes are {string.Join(", ", Vocabulary.ObjectionScopes)}.");
            }
        }

        CheckUnique(definition.Categories ?? [], c => c.Id, "categories", errors);
        for (var i = 0; i < (definition.Categories?.Count ?? 0); i++)
        {
            var category = definition.Categories![i];
            Check(Id().IsMatch(category.Id ?? ""), $"categories[{i}].id", "Must be lower-case letters, digits and hyphens.");
            var retention = category.Retention;
            var rules = retention is null ? 0 : new[] { retention.Days is not null, retention.Years is not null, retention.WhileMember, retention.WhileRole }.Count(set => set);
            Check(rules == 1, $"categories[{i}].retention", "Exactly one of days, years, whileMember, whileRole is required.");
            Check(retention?.Days is null or > 0 && retention?.Years is null or > 0, $"categories[{i}].retention", "Days and years must be positive.");
            Check(category.LegalHold is null || (category.LegalHold.Years > 0 && !string.IsNullOrWhiteSpace(category.LegalHold.Reason)),
                $"categories[{i}].legalHold", "A legal hold needs positive years and a reason.");
        }

        for (var i = 0; i < definition.Sources!.Count; i++)
        {
            Check(Id().IsMatch(definition.Sources[i].Id ?? ""), $"sources[{i}].id", "Must be lower-case letters, digits and hyphens.");
            Check(HasText(definition.Sources[i].Description), $"sources[{i}].description", "A description in at least one of fi, sv, en is required.");
        }

        CheckUnique(definition.Recipients ?? [], r => r.Id, "recipients", errors);
        for (var i = 0; i < definition.Recipients!.Count; i++)
        {
            Check(Id().IsMatch(definition.Recipients[i].Id ?? ""), $"recipients[{i}].id", "Must be lower-case letters, digits and hyphens.");
            Check(!string.IsNullOrWhiteSpace(definition.Recipients[i].Name), $"recipients[{i}].name", "The recipient's name is required.");
        }
        return errors;
    }

    private static void CheckUnique<T>(IEnumerable<T> items, Func<T, string> id, string field, List<Error> errors)
    {
        foreach (var duplicate in items.GroupBy(id).Where(group => group.Count() > 1))
        {
            errors.Add(new Error(field, $"Id '{duplicate.Key}' appears more than once."));
        }
    }

    private static bool HasText(LocalizedText? text) =>
        text is not null && (!string.IsNullOrWhiteSpace(text.Fi) || !string.IsNullOrWhiteSpace(text.Sv) || !string.IsNullOrWhiteSpace(text.En));

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    private static partial Regex Id();

    [GeneratedRegex(@"^\d{7}-\d$")]
    private static partial Regex BusinessId();
}
