using System.Text;

namespace PrivacyLedger.Ledger.Identity;

/// <summary>Phone numbers in E.164 form (+ and country code), so one number written many ways is one identifier.</summary>
public static class PhoneNumber
{
    private const string FinnishCountryCode = "358";
    private const int MinDigits = 8;  // the shortest real international numbers, country code included
    private const int MaxDigits = 15; // the E.164 maximum

    /// <summary>
    /// Accepts "+358 40 123 4567", "00358 40 123 4567" and the Finnish national "(040) 123-45.67"; spaces,
    /// hyphens, dots and parentheses are ignored. A number without any prefix ("40 123 4567") is refused:
    /// its country would be a guess.
    /// </summary>
    public static bool TryToE164(string input, out string e164)
    {
        e164 = string.Empty;
        var compact = Compact(input);
        if (compact is null)
        {
            return false;
        }

        string number;
        if (compact.StartsWith('+') || compact.StartsWith("00", StringComparison.Ordinal))
        {
            // "+358 (0)40 ..." shows the national trunk zero for domestic callers; it is not dialled from abroad.
            compact = Compact(input.Replace("(0)", "", StringComparison.Ordinal))!;
            number = compact.StartsWith('+') ? compact[1..] : compact[2..];
        }
        else if (compact.StartsWith('0'))
        {
            number = FinnishCountryCode + compact[1..];
        }
        else
        {
            return false;
        }

        // Country codes never start with 0, so "+0..." or "000..." is a typing error, not a number.
        if (number.Length is < MinDigits or > MaxDigits || number[0] == '0')
        {
            return false;
        }
        e164 = "+" + number;
        return true;
    }

    /// <summary>The digits, and a plus if the number starts with one; null if anything else is in the way.</summary>
    private static string? Compact(string input)
    {
        var compact = new StringBuilder(input.Length);
        foreach (var c in input)
        {
            if (char.IsAsciiDigit(c) || (c == '+' && compact.Length == 0))
            {
                compact.Append(c);
            }
            else if (!(char.IsWhiteSpace(c) || c is '-' or '.' or '(' or ')'))
            {
                return null;
            }
        }
        return compact.ToString();
    }
}
