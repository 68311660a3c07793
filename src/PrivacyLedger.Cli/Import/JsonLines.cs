using System.Text.Json;
using System.Text.Json.Serialization;
using PrivacyLedger.Cli.Gateway;

namespace PrivacyLedger.Cli.Import;

/// <summary>
/// Reads JSON Lines where each line is the enrolment body of <c>POST /v1/registers/{registerId}/members</c>.
/// Blank lines are skipped. A line that is not such a body becomes a failed record naming the JSON path at
/// fault; the parser's own message is not used because it can quote the offending text.
/// </summary>
public static class JsonLines
{
    // Unknown properties are refused so that a misspelt "identifier" is reported, not silently dropped.
    private static readonly JsonSerializerOptions Strict = CreateStrict();

    public static IEnumerable<ImportRecord> Read(TextReader reader, string? source)
    {
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            yield return Parse(lineNumber, line, source);
        }
    }

    private static JsonSerializerOptions CreateStrict()
    {
        var options = new JsonSerializerOptions(CliJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>One line; <paramref name="source"/> fills in <c>source</c> when the line has none.</summary>
    public static ImportRecord Parse(int lineNumber, string line, string? source)
    {
        EnrolmentBody? body;
        try
        {
            body = JsonSerializer.Deserialize<EnrolmentBody>(line, Strict);
        }
        catch (JsonException exception)
        {
            var at = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "" : $" at {exception.Path.TrimStart('$', '.')}";
            return ImportRecord.Invalid(lineNumber, $"not a valid enrolment JSON object{at}");
        }
        if (body is null)
        {
            return ImportRecord.Invalid(lineNumber, "not a JSON object");
        }
        return ImportRecord.Ok(lineNumber, body.Source is null && source is not null ? body with { Source = source } : body);
    }
}
