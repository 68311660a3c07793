using PrivacyLedger.Ledger;

namespace PrivacyLedger.Gateway.Contracts;

/// <summary>Query parameters that are text get the rules of body text: a limit (<see cref="FieldLimits"/>), one line, no control characters.</summary>
internal static class QueryText
{
    public static string? Checked(string? value, string name, int maxLength) =>
        value is not null && TextRules.Check(value, maxLength, multiline: false) is { } reason
            ? throw new LedgerValidationException(name, $"{name} {reason}.")
            : value;
}
