namespace PrivacyLedger.Ledger.Identity;

/// <summary>
/// Validates and normalises identifiers as they arrive from callers. Normalising first means one person
/// written two ways ("040 123 4567", "+358401234567") is still one identifier. The error messages are
/// meant for API problem documents, so they never repeat the value.
/// </summary>
public static class IdentifierNormalizer
{
    private const int MaxEmailLength = 254; // the longest address SMTP can carry (RFC 5321 path limit less the brackets)
    private const int MaxCustomerNumberLength = 64;

    public static bool TryNormalize(string kind, string? value, out SubjectIdentifier? identifier, out string? error)
    {
        identifier = null;
        if (!IdentifierKinds.TryParse(kind, out var parsedKind))
        {
            error = $"Unknown identifier kind; use one of: {string.Join(", ", IdentifierKinds.WireNames)}.";
            return false;
        }
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "The identifier value is required.";
            return false;
        }

        if (TextRules.Check(value, FieldLimits.IdentifierValue, multiline: false) is { } reason)
        {
            error = $"The identifier value {reason}.";
            return false;
        }
        if (value.Any(TextRules.IsInvisible))
        {
            error = "The identifier value cannot contain control or invisible formatting characters (such as bidirectional overrides or zero-width spaces).";
            return false;
        }

        var normalized = parsedKind switch
        {
            IdentifierKind.Email => NormalizeEmail(value, out error),
            IdentifierKind.Phone => PhoneNumber.TryToE164(value, out var e164) ? Ok(e164, out error)
                : Fail("Not a phone number: give it in international form (+358 40 123 4567) or as a Finnish number (040 123 4567).", out error),
            IdentifierKind.Hetu => Hetu.TryNormalize(value, out var hetu, out var hetuProblem) ? Ok(hetu, out error)
                : Fail(hetuProblem ?? "Not a valid Finnish personal identity code.", out error),
            IdentifierKind.CustomerNumber => NormalizeCustomerNumber(value, out error),
            _ => Fail("Unsupported identifier kind.", out error),
        };
        if (normalized is null)
        {
            return false;
        }
        identifier = new SubjectIdentifier(parsedKind, normalized);
        return true;
    }

    private static string? NormalizeEmail(string value, out string? error)
    {
        // Lower-casing the local part is not strictly RFC-correct, but no mail provider people use treats case
        // as significant, and one person must not become two subjects by typing a capital letter.
        var email = value.Trim().ToLowerInvariant();
        if (email.Length > MaxEmailLength)
        {
            return Fail($"An email address can be at most {MaxEmailLength} characters.", out error);
        }
        if (email.Any(char.IsWhiteSpace))
        {
            return Fail("An email address cannot contain whitespace.", out error);
        }
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at < 0 || at != email.LastIndexOf('@'))
        {
            return Fail("An email address needs exactly one '@'.", out error);
        }
        var domain = email[(at + 1)..];
        if (at == 0 || !domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.'))
        {
            return Fail("An email address needs a name before the '@' and a domain such as example.fi after it.", out error);
        }
        return Ok(email, out error);
    }

    private static string? NormalizeCustomerNumber(string value, out string? error)
    {
        // Case is kept because some systems' customer numbers are case-sensitive. Letters are ASCII only:
        // accented letters have several Unicode spellings, which would split one number into several hashes.
        var number = value.Trim();
        if (number.Length > MaxCustomerNumberLength)
        {
            return Fail($"A customer number can be at most {MaxCustomerNumberLength} characters.", out error);
        }
        if (!number.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/'))
        {
            return Fail("A customer number may contain only letters A-Z, digits and the characters - _ . /", out error);
        }
        return Ok(number, out error);
    }

    private static string Ok(string normalized, out string? error)
    {
        error = null;
        return normalized;
    }

    private static string? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }
}
