using System.Text;

namespace PrivacyLedger.Cli.Import;

/// <summary>One record of a CSV file and the line it starts on (1-based), for error reports.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>A CSV file is malformed beyond what one record's failure can describe.</summary>
public sealed class CsvFormatException(int line, string message) : FormatException($"line {line}: {message}")
{
    public int Line { get; } = line;
}

/// <summary>
/// Comma-separated values as RFC 4180 has them: fields in double quotes may hold commas, line breaks and
/// doubled quotes (<c>""</c>); CRLF and LF both end a record. Lenient where spreadsheets are sloppy (a
/// quote inside an unquoted field is kept as a character), strict where leniency would silently merge
/// records (a quoted field still open at the end of the file).
/// </summary>
public static class CsvParser
{
    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var fieldWasQuoted = false;
        var recordHasContent = false;

        while (true)
        {
            var next = reader.Read();
            if (next == -1)
            {
                if (inQuotes)
                {
                    throw new CsvFormatException(recordLine, "a quoted field is not closed before the end of the file.");
                }
                if (recordHasContent)
                {
                    fields.Add(field.ToString());
                    yield return new CsvRecord(recordLine, fields);
                }
                yield break;
            }
            var c = (char)next;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    inQuotes = true;
                    fieldWasQuoted = true;
                    recordHasContent = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldWasQuoted = false;
                    recordHasContent = true;
                    break;
                case '\r' when reader.Peek() == '\n':
                    // The LF that follows ends the record.
                    break;
                case '\n' or '\r':
                    if (recordHasContent || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        yield return new CsvRecord(recordLine, fields);
                        fields = [];
                    }
                    field.Clear();
                    fieldWasQuoted = false;
                    recordHasContent = false;
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    recordHasContent = true;
                    break;
            }
        }
    }
}
