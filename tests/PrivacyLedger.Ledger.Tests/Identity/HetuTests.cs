using PrivacyLedger.Ledger.Identity;

namespace PrivacyLedger.Ledger.Tests.Identity;

public sealed class HetuTests
{
    // Check characters computed independently of the implementation under test.
    [Theory]
    [InlineData("131052-308T")]
    [InlineData("150585+123L")] // 1800s
    [InlineData("010594Y203F")] // the 1900s signs in use since 2023
    [InlineData("020594X2045")]
    [InlineData("030594W205U")]
    [InlineData("040594V206H")]
    [InlineData("050594U2076")]
    [InlineData("010516A802N")] // the 2000s signs, B–F since 2023
    [InlineData("010516B803P")]
    [InlineData("020516C3048")]
    [InlineData("030516D4055")]
    [InlineData("010501E5068")]
    [InlineData("020503F607N")]
    [InlineData("290200A1239")] // 2000 is a leap year
    [InlineData("290296Y1243")]
    [InlineData("311299-8997")] // the highest individual number
    [InlineData("010100A002H")] // the lowest individual number
    public void Valid_codes_are_accepted_as_they_are(string code)
    {
        Assert.True(Hetu.TryNormalize(code, out var normalized));
        Assert.Equal(code, normalized);
    }

    [Theory]
    [InlineData("131052-308t", "131052-308T")]
    [InlineData("  010516b803p\t", "010516B803P")]
    [InlineData("010594y203f", "010594Y203F")]
    public void Input_is_trimmed_and_upper_cased(string input, string expected)
    {
        Assert.True(Hetu.TryNormalize(input, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("131052-308U")] // wrong check character
    [InlineData("131052-309T")] // individual number changed, check character not
    [InlineData("300215-123T")] // 30 February
    [InlineData("290200-1239")] // 1900 was not a leap year, though 2000 was (same digits as a valid code above)
    [InlineData("290297Y124B")] // 29 February 1997
    [InlineData("310494-1112")] // 31 April
    [InlineData("000194-111M")] // day zero
    [InlineData("011394-111Y")] // month 13
    [InlineData("010100A001F")] // individual numbers 000 and 001 are not used
    [InlineData("010100A000E")]
    [InlineData("131052Z308T")] // not a century sign
    [InlineData("131052 308T")]
    [InlineData("131052-308")]  // too short
    [InlineData("131052-308TT")] // too long
    [InlineData("1310S2-308T")] // letter among the date digits
    [InlineData("13105+-308T")] // sign among the date digits
    [InlineData("")]
    public void Invalid_codes_are_refused(string code)
    {
        Assert.False(Hetu.TryNormalize(code, out var normalized));
        Assert.Equal("", normalized);
    }

    // Temporary numbers (900–999) are refused even with a correct check character:
    // the person will get a permanent code later and must not become two subjects.
    [Theory]
    [InlineData("311299-9008")]
    [InlineData("010594Y9032")]
    [InlineData("010594Y9021")]
    [InlineData("020594X903P")]
    [InlineData("020594X902N")]
    [InlineData("030594W903B")]
    [InlineData("030694W9024")]
    [InlineData("040594V9030")]
    [InlineData("050594U903M")]
    [InlineData("050594U902L")]
    [InlineData("010516B903X")]
    [InlineData("010516B902W")]
    [InlineData("020516C903K")]
    [InlineData("020516C902J")]
    [InlineData("030516D9037")]
    [InlineData("030516D9026")]
    [InlineData("010501E9032")]
    [InlineData("020502E902X")]
    [InlineData("020503F9037")]
    [InlineData("020504A902E")]
    [InlineData("020504B904H")]
    public void Temporary_individual_numbers_are_refused(string code) =>
        Assert.False(Hetu.TryNormalize(code, out _));

    [Theory]
    [InlineData("311299-9008")]
    [InlineData("020504B904H")]
    public void A_temporary_code_is_refused_as_temporary_not_as_invalid(string code)
    {
        Assert.False(Hetu.TryNormalize(code, out var normalized, out var problem));
        Assert.Equal("", normalized);
        Assert.Equal(Hetu.TemporaryCodeProblem, problem);
        Assert.Contains("Temporary identity codes", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(code[..6], problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("311299-9009")] // temporary number, wrong check character: simply invalid
    [InlineData("131052-308U")]
    [InlineData("010100A001F")]
    public void Other_refused_codes_are_called_invalid(string code)
    {
        Assert.False(Hetu.TryNormalize(code, out _, out var problem));
        Assert.Equal(Hetu.InvalidCodeProblem, problem);
    }

    [Fact]
    public void A_valid_code_has_no_problem()
    {
        Assert.True(Hetu.TryNormalize(" 131052-308t ", out var normalized, out var problem));
        Assert.Equal(("131052-308T", (string?)null), (normalized, problem));
    }

    [Theory]
    [InlineData("131052-308T", "******-***T")]
    [InlineData("150585+123L", "******+***L")]
    [InlineData("010516B803P", "******B***P")]
    public void Masking_keeps_only_the_century_sign_and_check_character(string code, string expected) =>
        Assert.Equal(expected, Hetu.Mask(code));

    [Theory]
    [InlineData("131052-308T", 1952, 10, 13)]
    [InlineData("150585+123L", 1885, 5, 15)]
    [InlineData("050594U2076", 1994, 5, 5)]
    [InlineData("290200A1239", 2000, 2, 29)]
    [InlineData("020503F607N", 2003, 5, 2)]
    public void The_birth_date_takes_the_century_from_the_sign(string code, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), Hetu.BirthDate(code));

    [Theory]
    [InlineData("131052-308t")] // not normalised
    [InlineData("131052-308U")]
    public void Masking_or_dating_an_invalid_code_throws_without_echoing_it(string code)
    {
        var mask = Assert.Throws<ArgumentException>(() => Hetu.Mask(code));
        var date = Assert.Throws<ArgumentException>(() => Hetu.BirthDate(code));
        Assert.DoesNotContain("131052", mask.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("131052", date.Message, StringComparison.Ordinal);
    }
}
