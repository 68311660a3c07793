using PrivacyLedger.Cli.Import;

namespace PrivacyLedger.Cli.Tests;

public sealed class CsvParserTests
{
    private static List<CsvRecord> Parse(string text) => [.. CsvParser.Read(new StringReader(text))];

    [Fact]
    public void Splits_plain_fields_and_records()
    {
        var records = Parse("a,b,c\n1,2,3\n");

        Assert.Equal(2, records.Count);
        Assert.Equal(["a", "b", "c"], records[0].Fields);
        Assert.Equal(["1", "2", "3"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
    }

    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_line_breaks()
    {
        var records = Parse("name,address\n\"Virtanen, Maija\",\"Katu 1 \"\"B\"\"\nHelsinki\"\nnext,row\n");

        Assert.Equal(["Virtanen, Maija", "Katu 1 \"B\"\nHelsinki"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
        // The record after a quoted line break starts on the physical line after it.
        Assert.Equal(4, records[2].Line);
    }

    [Fact]
    public void Handles_crlf_missing_final_newline_empty_fields_and_blank_lines()
    {
        var records = Parse("a,b,c\r\n\r\n1,,\r\n,2,\"\"");

        Assert.Equal(3, records.Count);
        Assert.Equal(["1", "", ""], records[1].Fields);
        Assert.Equal(3, records[1].Line);
        Assert.Equal(["", "2", ""], records[2].Fields);
        Assert.Equal(4, records[2].Line);
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_kept()
    {
        var records = Parse("a,b\nsay \"hi\",x\n");

        Assert.Equal(["say \"hi\"", "x"], records[1].Fields);
    }

    [Fact]
    public void An_unclosed_quote_is_an_error_naming_the_line_it_opened_on()
    {
        var exception = Assert.Throws<CsvFormatException>(() => Parse("a,b\n1,2\n\"open,3\n4,5\n"));

        Assert.Equal(3, exception.Line);
        Assert.Contains("not closed", exception.Message, StringComparison.Ordinal);
    }
}
