using PrivacyLedger.Ledger.Identity;

namespace PrivacyLedger.Ledger.Tests.Identity;

public sealed class IdentifierNormalizerTests
{
    private static SubjectIdentifier Valid(string kind, string value)
    {
        Assert.True(IdentifierNormalizer.TryNormalize(kind, value, out var identifier, out var error));
        Assert.Null(error);
        return identifier!;
    }

    private static string Invalid(string kind, string? value)
    {
        Assert.False(IdentifierNormalizer.TryNormalize(kind, value, out var identifier, out var error));
        Assert.Null(identifier);
        Assert.False(string.IsNullOrWhiteSpace(error));
        if (!string.IsNullOrWhiteSpace(value))
        {
            Assert.DoesNotContain(value.Trim(), error, StringComparison.OrdinalIgnoreCase);
        }
        return error!;
    }

    [Theory]
    [InlineData("email", IdentifierKind.Email)]
    [InlineData("phone", IdentifierKind.Phone)]
    [InlineData("hetu", IdentifierKind.Hetu)]
    [InlineData("customer-number", IdentifierKind.CustomerNumber)]
    public void Wire_names_round_trip(string wireName, IdentifierKind kind)
    {
        Assert.True(IdentifierKinds.TryParse(wireName, out var parsed));
        Assert.Equal(kind, parsed);
        Assert.Equal(wireName, IdentifierKinds.ToWireName(kind));
    }

    [Theory]
    [InlineData("Email")]
    [InlineData("CustomerNumber")]
    [InlineData("customer_number")]
    [InlineData("0")]
    [InlineData("")]
    public void Only_exact_wire_names_parse(string wireName) =>
        Assert.False(IdentifierKinds.TryParse(wireName, out _));

    [Fact]
    public void An_unknown_kind_is_refused_with_the_allowed_kinds_named()
    {
        var error = Invalid("ssn", "131052-308T");
        Assert.Contains("email, phone, hetu, customer-number", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("email", null)]
    [InlineData("phone", "")]
    [InlineData("hetu", "   ")]
    [InlineData("customer-number", "\t")]
    public void A_missing_value_is_refused(string kind, string? value) => Invalid(kind, value);

    [Theory]
    [InlineData(" Matti.Meikalainen@Example.FI ", "matti.meikalainen@example.fi")]
    [InlineData("a@b.fi", "a@b.fi")]
    [InlineData("first+tag@mail.example.com", "first+tag@mail.example.com")]
    public void Emails_are_trimmed_and_lower_cased(string input, string expected) =>
        Assert.Equal(new SubjectIdentifier(IdentifierKind.Email, expected), Valid("email", input));

    [Theory]
    [InlineData("matti.example.fi")]      // no @
    [InlineData("matti@@example.fi")]
    [InlineData("matti@home@example.fi")]
    [InlineData("@example.fi")]           // no local part
    [InlineData("matti@localhost")]       // domain without a dot
    [InlineData("matti@.fi")]
    [InlineData("matti@example.")]
    [InlineData("matti meikalainen@example.fi")]
    [InlineData("matti@exa\tmple.fi")]
    public void Malformed_emails_are_refused(string input) => Invalid("email", input);

    [Fact]
    public void Emails_may_be_254_characters_but_no_longer()
    {
        var domain = "@example.fi";
        Assert.Equal(254, Valid("email", new string('a', 254 - domain.Length) + domain).Value.Length);
        Invalid("email", new string('a', 255 - domain.Length) + domain);
    }

    [Fact]
    public void Phones_are_stored_in_E164() =>
        Assert.Equal(new SubjectIdentifier(IdentifierKind.Phone, "+358401234567"), Valid("phone", "040 123 4567"));

    [Fact]
    public void Malformed_phones_are_refused() => Invalid("phone", "50 987 6543");

    [Fact]
    public void Identity_codes_are_stored_upper_case() =>
        Assert.Equal(new SubjectIdentifier(IdentifierKind.Hetu, "131052-308T"), Valid("hetu", " 131052-308t "));

    [Theory]
    [InlineData("131052-308U")]
    [InlineData("311299-9008")]
    public void Invalid_identity_codes_are_refused_without_echoing_them(string code)
    {
        var error = Invalid("hetu", code);
        Assert.DoesNotContain(code[..6], error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" AbC-123_x.9/z ", "AbC-123_x.9/z")] // case kept
    [InlineData("7", "7")]
    public void Customer_numbers_are_trimmed_with_case_kept(string input, string expected) =>
        Assert.Equal(new SubjectIdentifier(IdentifierKind.CustomerNumber, expected), Valid("customer-number", input));

    [Fact]
    public void Customer_numbers_may_be_64_characters_but_no_longer()
    {
        Valid("customer-number", new string('9', 64));
        Invalid("customer-number", new string('9', 65));
    }

    [Theory]
    [InlineData("ABC 123")]
    [InlineData("ABC+123")]
    [InlineData("ABC#123")]
    [InlineData("Äänekoski-1")] // ASCII letters only
    public void Customer_numbers_with_other_characters_are_refused(string input) => Invalid("customer-number", input);

    [Theory]
    [InlineData(IdentifierKind.Hetu, "131052-308T")]
    [InlineData(IdentifierKind.Email, "matti@example.fi")]
    [InlineData(IdentifierKind.Phone, "+358401234567")]
    public void ToString_shows_the_kind_but_never_the_value(IdentifierKind kind, string value)
    {
        var text = new SubjectIdentifier(kind, value).ToString();
        Assert.Contains(kind.ToString(), text, StringComparison.Ordinal);
        Assert.DoesNotContain(value, text, StringComparison.Ordinal);
    }
}
