using System.Globalization;

namespace PrivacyLedger.Benchmarks.Shared;

/// <summary>Valid Finnish personal identity codes for made-up people, the same for the same number on every run.</summary>
internal static class SyntheticIdentityCodes
{
    private static readonly DateOnly FirstBirthDate = new(1940, 1, 1);
    private const int BirthDates = 29_200;
    private const string CheckCharacters = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    /// <summary>A valid code, unique for the first 26 million people: 80 years of birth dates times 898 individual numbers.</summary>
    public static string For(int person)
    {
        var birth = FirstBirthDate.AddDays(person % BirthDates);
        var individual = 2 + person / BirthDates % 898;
        var digits = $"{birth:ddMMyy}{individual:D3}";
        var check = CheckCharacters[(int)(long.Parse(digits, CultureInfo.InvariantCulture) % 31)];
        return $"{birth:ddMMyy}{(birth.Year < 2000 ? '-' : 'A')}{individual:D3}{check}";
    }
}
