using PrivacyLedger.Cli.Import;

namespace PrivacyLedger.Cli.Tests;

public sealed class JsonLinesTests
{
    private static List<ImportRecord> Read(string text, string? source = "import") => [.. JsonLines.Read(new StringReader(text), source)];

    [Fact]
    public void Reads_each_line_as_an_enrolment_body_keeping_line_numbers()
    {
        var records = Read(
            """
            {"identifiers":[{"kind":"email","value":"maija@example.fi"}],"externalId":"crm-1","contact":{"givenName":"Maija","language":"fi"},"categories":[{"id":"contact","collectedAt":"2024-01-02T03:04:05Z"}],"source":"crm","lastActivityAt":"2024-05-31T00:00:00Z"}

            {"identifiers":[{"kind":"customer-number","value":"C-2"}]}
            """);

        Assert.Equal(2, records.Count);
        var first = records[0].Body!;
        Assert.Equal(1, records[0].Line);
        Assert.Equal("email", first.Identifiers![0].Kind);
        Assert.Equal("maija@example.fi", first.Identifiers[0].Value);
        Assert.Equal("crm-1", first.ExternalId);
        Assert.Equal("Maija", first.Contact!.GivenName);
        Assert.Equal("contact", first.Categories![0].Id);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), first.Categories[0].CollectedAt);
        Assert.Equal(new DateTimeOffset(2024, 5, 31, 0, 0, 0, TimeSpan.Zero), first.LastActivityAt);
        // A line's own source wins; the option only fills in a missing one.
        Assert.Equal("crm", first.Source);
        Assert.Equal(3, records[1].Line);
        Assert.Equal("import", records[1].Body!.Source);
    }

    [Theory]
    [InlineData("""{"identifiers":[{"kind":"email","value":"maija@example.fi"}""", "not a valid enrolment JSON object")]
    [InlineData("""{"identifier":[{"kind":"email","value":"maija@example.fi"}]}""", "at identifier")]
    [InlineData("""{"identifiers":[{"kind":"email","value":"maija@example.fi"}],"lastActivityAt":"maija"}""", "at lastActivityAt")]
    [InlineData("""["maija@example.fi"]""", "not a valid enrolment JSON object")]
    [InlineData("null", "not a JSON object")]
    public void A_line_that_is_not_an_enrolment_fails_without_quoting_it(string line, string expected)
    {
        var record = JsonLines.Parse(7, line, source: null);

        Assert.Null(record.Body);
        Assert.Equal(7, record.Line);
        Assert.Contains(expected, record.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("maija", record.Problem, StringComparison.OrdinalIgnoreCase);
    }
}
