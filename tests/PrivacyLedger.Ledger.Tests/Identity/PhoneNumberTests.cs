using PrivacyLedger.Ledger.Identity;

namespace PrivacyLedger.Ledger.Tests.Identity;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("040 123 4567", "+358401234567")]        // Finnish national form
    [InlineData("040-123 45 67", "+358401234567")]
    [InlineData("(09) 123.4567", "+35891234567")]         // Helsinki landline
    [InlineData("+358 40 1234567", "+358401234567")]
    [InlineData("+358401234567", "+358401234567")]
    [InlineData("+358 (0)40 123 4567", "+358401234567")]  // the trunk zero is not dialled from abroad
    [InlineData("00358 40 123 4567", "+358401234567")]
    [InlineData("0046 70 123 45 67", "+46701234567")]
    [InlineData("+1 (202) 555-0143", "+12025550143")]
    [InlineData("  +44 20 7946 0958 ", "+442079460958")]
    [InlineData("+123456789012345", "+123456789012345")]  // 15 digits, the E.164 maximum
    [InlineData("+12345678", "+12345678")]                // 8 digits, the minimum accepted
    public void Numbers_are_normalised_to_E164(string input, string expected)
    {
        Assert.True(PhoneNumber.TryToE164(input, out var e164));
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData("")]
    [InlineData("40 123 4567")]          // no prefix: the country is unknown
    [InlineData("+1234567890123456")]   // 16 digits
    [InlineData("00 1234567890123456")]
    [InlineData("+1234567")]            // 7 digits
    [InlineData("040")]
    [InlineData("+")]
    [InlineData("00")]
    [InlineData("+0401234567")]         // no country code starts with 0
    [InlineData("000401234567")]
    [InlineData("++358401234567")]
    [InlineData("+358 40 123+4567")]
    [InlineData("040 123 4567 ext 5")]
    [InlineData("040/1234567")]
    [InlineData("+358 40 123 456a")]
    public void Malformed_numbers_are_refused(string input)
    {
        Assert.False(PhoneNumber.TryToE164(input, out var e164));
        Assert.Equal("", e164);
    }
}
