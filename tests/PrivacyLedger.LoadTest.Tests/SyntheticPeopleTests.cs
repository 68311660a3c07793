using System.Text.Json;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.LoadTest.Load;

namespace PrivacyLedger.LoadTest.Tests;

public class SyntheticPeopleTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(29_199)]
    [InlineData(29_200)]
    [InlineData(999_999)]
    public void Identity_codes_pass_the_domains_checksum_validation(int person)
    {
        var code = SyntheticPeople.PersonalIdentityCode(person);

        Assert.True(Hetu.TryNormalize(code, out var normalized), code);
        Assert.Equal(code, normalized);
    }

    [Fact]
    public void Identity_codes_are_distinct_for_a_million_people()
    {
        var codes = new HashSet<string>(Enumerable.Range(0, 1_000_000).Select(SyntheticPeople.PersonalIdentityCode), StringComparer.Ordinal);

        Assert.Equal(1_000_000, codes.Count);
    }

    [Fact]
    public void People_are_spread_over_the_four_registers_and_a_tenth_of_the_first_100_000_have_a_second_membership()
    {
        var registers = Enumerable.Range(0, 1_000).GroupBy(person => SyntheticPeople.RegisterIndex(person, 0)).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal([250, 250, 250, 250], registers.OrderBy(pair => pair.Key).Select(pair => pair.Value));
        Assert.Equal(100, Enumerable.Range(0, 1_000).Count(SyntheticPeople.HasSecondMembership));
        Assert.Equal(10_000, Enumerable.Range(0, 1_000_000).Count(SyntheticPeople.HasSecondMembership));
        Assert.NotEqual(SyntheticPeople.RegisterIndex(10, 0), SyntheticPeople.RegisterIndex(10, 1));
    }

    [Fact]
    public void An_enrolment_body_has_the_api_fields_and_the_identity_code_only_in_the_health_registers()
    {
        using var plusterveys = JsonDocument.Parse(SyntheticPeople.EnrolmentBody(4, 0));
        using var perhelaakarit = JsonDocument.Parse(SyntheticPeople.EnrolmentBody(5, 0));

        var body = plusterveys.RootElement;
        Assert.False(body.TryGetProperty("registerId", out _));
        Assert.Equal("LT-4", body.GetProperty("externalId").GetString());
        Assert.Equal(["email"], body.GetProperty("identifiers").EnumerateArray().Select(i => i.GetProperty("kind").GetString()));
        Assert.Equal("contact-person", body.GetProperty("categories")[0].GetProperty("id").GetString());
        Assert.Equal(["email", "hetu"], perhelaakarit.RootElement.GetProperty("identifiers").EnumerateArray().Select(i => i.GetProperty("kind").GetString()));
    }
}
