namespace PrivacyLedger.Ledger.Identity;

/// <summary>
/// The Finnish personal identity code (henkilötunnus), DDMMYYCZZZQ: birth date, century sign, individual
/// number and check character. It is the most sensitive identifier the ledger holds, so besides validation
/// this class also provides the masked form that is all the API ever shows.
/// </summary>
public static class Hetu
{
    private const int Length = 11;
    private const string CheckCharacters = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    // 900–999 are temporary numbers given before a real one exists; indexing them would later split the person in two.
    private const int MinIndividualNumber = 2;
    private const int MaxIndividualNumber = 899;

    /// <summary>Said of a code that is well formed but temporary: refused for what it is, not called invalid.</summary>
    public const string TemporaryCodeProblem =
        "Temporary identity codes (individual number 900-999) are not accepted: give the person's permanent personal identity code.";

    public const string InvalidCodeProblem = "Not a valid Finnish personal identity code.";

    /// <summary>Trims and upper-cases <paramref name="input"/> and accepts it only if it is a valid code.</summary>
    public static bool TryNormalize(string input, out string normalized) => TryNormalize(input, out normalized, out _);

    /// <summary>
    /// As <see cref="TryNormalize(string, out string)"/>, saying why a code is refused: <see cref="TemporaryCodeProblem"/>
    /// for an otherwise valid temporary code, <see cref="InvalidCodeProblem"/> for anything else. Neither repeats the value.
    /// </summary>
    public static bool TryNormalize(string input, out string normalized, out string? problem)
    {
        var candidate = input.Trim().ToUpperInvariant();
        var validity = Check(candidate, out _);
        normalized = validity == Validity.Valid ? candidate : string.Empty;
        problem = validity switch
        {
            Validity.Valid => null,
            Validity.Temporary => TemporaryCodeProblem,
            _ => InvalidCodeProblem,
        };
        return problem is null;
    }

    /// <summary>Keeps only the century sign and check character, e.g. "******-***T": enough to tell two codes apart on screen, not enough to identify.</summary>
    public static string Mask(string normalized)
    {
        EnsureValid(normalized);
        return $"******{normalized[6]}***{normalized[10]}";
    }

    public static DateOnly BirthDate(string normalized) => EnsureValid(normalized);

    private static DateOnly EnsureValid(string normalized) =>
        TryParse(normalized, out var birthDate)
            ? birthDate
            // The message deliberately leaves the value out: it would otherwise reach logs.
            : throw new ArgumentException("Not a normalised personal identity code.", nameof(normalized));

    private static bool TryParse(string code, out DateOnly birthDate) => Check(code, out birthDate) == Validity.Valid;

    private enum Validity { Valid, Temporary, Invalid }

    private static Validity Check(string code, out DateOnly birthDate)
    {
        birthDate = default;
        if (code.Length != Length
            || !TryReadNumber(code.AsSpan(0, 6), out var dateDigits)
            || !TryReadNumber(code.AsSpan(7, 3), out var individualNumber)
            || CenturyOf(code[6]) is not { } century)
        {
            return Validity.Invalid;
        }

        var day = dateDigits / 10000;
        var month = dateDigits / 100 % 100;
        var year = century + dateDigits % 100;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return Validity.Invalid;
        }
        // The check character covers DDMMYYZZZ read as one nine-digit number; the century sign is not part of it.
        if (individualNumber < MinIndividualNumber || code[10] != CheckCharacters[(dateDigits * 1000 + individualNumber) % CheckCharacters.Length])
        {
            return Validity.Invalid;
        }
        if (individualNumber > MaxIndividualNumber)
        {
            return Validity.Temporary;
        }
        birthDate = new DateOnly(year, month, day);
        return Validity.Valid;
    }

    /// <summary>'+' for the 1800s; '-' and, since 2023, Y X W V U for the 1900s; A and B–F for the 2000s.</summary>
    private static int? CenturyOf(char sign) => sign switch
    {
        '+' => 1800,
        '-' or 'Y' or 'X' or 'W' or 'V' or 'U' => 1900,
        'A' or 'B' or 'C' or 'D' or 'E' or 'F' => 2000,
        _ => null,
    };

    /// <summary>ASCII digits only: int.Parse would also take signs, spaces and other scripts' digits.</summary>
    private static bool TryReadNumber(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
