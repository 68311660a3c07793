using System.Text.Json;
using PrivacyLedger.Cli.Gateway;
using PrivacyLedger.Cli.Import;

namespace PrivacyLedger.Cli.Tests;

public sealed class PeopleCsvTests
{
    private static List<ImportRecord> Read(string csv, string? source = "import") => [.. PeopleCsv.Read(new StringReader(csv), source)];

    private static string Json(EnrolmentBody body) => JsonSerializer.Serialize(body, CliJson.Options);

    [Fact]
    public void Maps_every_column_to_the_enrolment_body()
    {
        var csv = "email,phone,hetu,customerNumber,externalId,givenName,familyName,address,language,lastActivityAt,categories\n"
            + "maija@example.fi,+358401234567,131052-308T,C-1,crm-9,Maija,Virtanen,\"Katu 1, 00100 Helsinki\",fi,2024-05-31,contact; feedback ;contact\n";

        var record = Assert.Single(Read(csv));

        Assert.Null(record.Problem);
        Assert.Equal(2, record.Line);
        const string Expected = """
            {"identifiers":[{"kind":"email","value":"maija@example.fi"},{"kind":"phone","value":"+358401234567"},{"kind":"hetu","value":"131052-308T"},{"kind":"customer-number","value":"C-1"}],
            "externalId":"crm-9","contact":{"givenName":"Maija","familyName":"Virtanen","email":"maija@example.fi","phone":"+358401234567","address":"Katu 1, 00100 Helsinki","language":"fi"},
            "categories":[{"id":"contact"},{"id":"feedback"}],"source":"import","lastActivityAt":"2024-05-31T00:00:00+00:00"}
            """;
        Assert.Equal(Expected.ReplaceLineEndings(""),
            Json(record.Body!));
    }

    [Fact]
    public void Missing_columns_and_short_rows_leave_fields_out()
    {
        var records = Read("GivenName,email\nMaija,maija@example.fi\nMatti\n", source: null);

        Assert.Equal("""{"identifiers":[{"kind":"email","value":"maija@example.fi"}],"contact":{"givenName":"Maija","email":"maija@example.fi"}}""", Json(records[0].Body!));
        // The short row has no identifier, which is the line's problem, not the file's.
        Assert.Null(records[1].Body);
        Assert.Equal(3, records[1].Line);
        Assert.Contains("no identifier", records[1].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_name_fields_but_never_repeat_the_persons_data()
    {
        var records = Read("email,lastActivityAt,givenName\nmaija@example.fi,last tuesday,Maija\nmatti@example.fi,2024-01-01,Matti,extra\n");

        Assert.Contains("lastActivityAt", records[0].Problem, StringComparison.Ordinal);
        Assert.Contains("4 fields, but the header has 3", records[1].Problem, StringComparison.Ordinal);
        foreach (var record in records)
        {
            Assert.DoesNotContain("example.fi", record.Problem, StringComparison.Ordinal);
            Assert.DoesNotContain("last tuesday", record.Problem, StringComparison.Ordinal);
            Assert.DoesNotContain("Maija", record.Problem, StringComparison.Ordinal);
            Assert.DoesNotContain("Matti", record.Problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Blank_rows_are_skipped()
    {
        var records = Read("email\n\n  \nmaija@example.fi\n");

        Assert.Equal(4, Assert.Single(records).Line);
    }

    [Theory]
    [InlineData("email,e-mail\n", "unknown column 'e-mail'")]
    [InlineData("email,EMAIL\n", "appears twice")]
    [InlineData("givenName,familyName\n", "no identifier column")]
    [InlineData("", "empty")]
    public void A_bad_header_fails_the_whole_file(string csv, string expected)
    {
        var exception = Assert.Throws<CsvFormatException>(() => Read(csv));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.Equal(1, exception.Line);
    }

    [Theory]
    [InlineData("2024-05-31", "2024-05-31T00:00:00.0000000+00:00")]
    [InlineData("2024-05-31T12:30:00", "2024-05-31T12:30:00.0000000+00:00")]
    [InlineData("2024-05-31T12:30:00+03:00", "2024-05-31T12:30:00.0000000+03:00")]
    public void Times_without_an_offset_are_utc(string text, string expected)
    {
        Assert.True(PeopleCsv.TryParseTime(text, out var time));
        Assert.Equal(expected, time.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }
}
