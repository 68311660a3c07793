using System.Globalization;
using PrivacyLedger.Cli.Gateway;

namespace PrivacyLedger.Cli.Import;

/// <summary>
/// Maps the rows of a people CSV (a header row naming the columns, in any order) to enrolment bodies.
/// Columns: email, phone, hetu, customerNumber, externalId, givenName, familyName, address, language,
/// lastActivityAt, categories (category ids separated by semicolons). Any column may be left out.
/// </summary>
public sealed class PeopleCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "email", "phone", "hetu", "customerNumber", "externalId", "givenName", "familyName", "address", "language", "lastActivityAt", "categories",
    ];

    // Which identifier kind of API v1 each identifier column carries.
    private static readonly (string Column, string Kind)[] IdentifierColumns =
    [
        ("email", "email"), ("phone", "phone"), ("hetu", "hetu"), ("customerNumber", "customer-number"),
    ];

    private readonly Dictionary<string, int> _index;
    private readonly int _width;
    private readonly string? _source;

    private PeopleCsv(Dictionary<string, int> index, int width, string? source)
    {
        _index = index;
        _width = width;
        _source = source;
    }

    /// <summary>
    /// Reads the header. Unknown or repeated columns are refused: a misspelt "hetu" would otherwise enrol
    /// everyone without that identifier.
    /// </summary>
    public static PeopleCsv FromHeader(CsvRecord header, string? source)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim();
            var known = Columns.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                throw new CsvFormatException(header.Line, $"unknown column '{name}'; the columns are {string.Join(", ", Columns)}.");
            }
            if (!index.TryAdd(known, i))
            {
                throw new CsvFormatException(header.Line, $"column '{known}' appears twice.");
            }
        }
        if (!IdentifierColumns.Any(c => index.ContainsKey(c.Column)))
        {
            throw new CsvFormatException(header.Line, "the header names no identifier column (email, phone, hetu or customerNumber).");
        }
        return new PeopleCsv(index, header.Fields.Count, source);
    }

    /// <summary>The people of a whole file, header first; blank rows are skipped.</summary>
    public static IEnumerable<ImportRecord> Read(TextReader reader, string? source)
    {
        PeopleCsv? mapping = null;
        foreach (var record in CsvParser.Read(reader))
        {
            if (mapping is null)
            {
                mapping = FromHeader(record, source);
                continue;
            }
            if (record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            yield return mapping.Map(record);
        }
        if (mapping is null)
        {
            throw new CsvFormatException(1, "the file is empty; it needs a header row.");
        }
    }

    public ImportRecord Map(CsvRecord row)
    {
        if (row.Fields.Count > _width)
        {
            return ImportRecord.Invalid(row.Line, $"{row.Fields.Count} fields, but the header has {_width} (an unquoted comma?)");
        }

        var identifiers = new List<IdentifierBody>();
        foreach (var (column, kind) in IdentifierColumns)
        {
            if (Value(row, column) is { } value)
            {
                identifiers.Add(new IdentifierBody(kind, value));
            }
        }
        if (identifiers.Count == 0)
        {
            return ImportRecord.Invalid(row.Line, "no identifier (email, phone, hetu or customerNumber)");
        }

        DateTimeOffset? lastActivityAt = null;
        if (Value(row, "lastActivityAt") is { } lastActivity)
        {
            if (!TryParseTime(lastActivity, out var parsed))
            {
                return ImportRecord.Invalid(row.Line, "lastActivityAt is not a date (use ISO 8601, e.g. 2024-05-31 or 2024-05-31T12:00:00Z)");
            }
            lastActivityAt = parsed;
        }

        var categories = Value(row, "categories")?
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.Ordinal)
            .Select(id => new CategoryBody(id))
            .ToList();

        var contact = new ContactBody
        {
            GivenName = Value(row, "givenName"),
            FamilyName = Value(row, "familyName"),
            Email = Value(row, "email"),
            Phone = Value(row, "phone"),
            Address = Value(row, "address"),
            Language = Value(row, "language"),
        };

        return ImportRecord.Ok(row.Line, new EnrolmentBody
        {
            Identifiers = identifiers,
            ExternalId = Value(row, "externalId"),
            Contact = contact == new ContactBody() ? null : contact,
            Categories = categories is { Count: > 0 } ? categories : null,
            Source = _source,
            LastActivityAt = lastActivityAt,
        });
    }

    /// <summary>ISO 8601 dates and times; a time without an offset, or a bare date, is taken as UTC.</summary>
    public static bool TryParseTime(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value);

    /// <summary>The trimmed value of a column, or null when the column is absent, the row is short, or the value is blank.</summary>
    private string? Value(CsvRecord row, string column)
    {
        if (!_index.TryGetValue(column, out var i) || i >= row.Fields.Count)
        {
            return null;
        }
        var value = row.Fields[i].Trim();
        return value.Length == 0 ? null : value;
    }
}
