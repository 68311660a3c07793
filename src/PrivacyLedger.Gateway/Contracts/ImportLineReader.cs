using System.Runtime.CompilerServices;
using System.Text.Json;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Imports;

namespace PrivacyLedger.Gateway.Contracts;

/// <summary>A batch of import lines: the enrolments to import and the lines that could not be read.</summary>
public sealed record ImportLineBatch(IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportProblem> Problems)
{
    public int Lines => Rows.Count + Problems.Count;
}

/// <summary>
/// Reads JSON Lines of <see cref="ImportLine"/> in batches, streaming, so an import of millions never sits in
/// memory whole. A line that cannot be read, or breaks a rule of <see cref="BodyRules"/> (a null in a list, an overlong
/// text), becomes a problem naming the field at fault, never quoting it (<see cref="JsonErrors"/>).
/// </summary>
public sealed class ImportLineReader(Stream body, string? defaultRegisterId, JsonSerializerOptions options)
{
    public async IAsyncEnumerable<ImportLineBatch> ReadBatchesAsync(int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body);
        var lines = new List<(long Number, string Text)>(batchSize);
        long lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            lines.Add((lineNumber, line));
            if (lines.Count == batchSize)
            {
                yield return Parse(lines);
                lines.Clear();
            }
        }
        if (lines.Count > 0)
        {
            yield return Parse(lines);
        }
    }

    /// <summary>Parses a batch's lines on every core: JSON and identifier normalisation are the costly part of reading.</summary>
    private ImportLineBatch Parse(List<(long Number, string Text)> lines)
    {
        var parsed = new (ImportRow? Row, ImportProblem? Problem)[lines.Count];
        Parallel.For(0, lines.Count, i => parsed[i] = TryRead(lines[i].Number, lines[i].Text, out var row, out var problem) ? (row, null) : (null, problem));
        return new ImportLineBatch([.. parsed.Where(p => p.Row is not null).Select(p => p.Row!)], [.. parsed.Where(p => p.Problem is not null).Select(p => p.Problem!)]);
    }

    private bool TryRead(long lineNumber, string text, out ImportRow row, out ImportProblem problem)
    {
        row = null!;
        problem = null!;
        ImportLine? line;
        try
        {
            line = JsonSerializer.Deserialize<ImportLine>(text, options);
        }
        catch (JsonException exception)
        {
            var (field, message) = JsonErrors.Describe(exception, typeof(ImportLine), options, "line");
            problem = new ImportProblem(lineNumber, field, message);
            return false;
        }
        if (line is null)
        {
            problem = new ImportProblem(lineNumber, "line", "An import line must be a JSON object.");
            return false;
        }
        var registerId = line.RegisterId ?? defaultRegisterId;
        if (string.IsNullOrEmpty(registerId))
        {
            problem = new ImportProblem(lineNumber, "registerId", "registerId is required on the line or as the registerId query parameter.");
            return false;
        }
        try
        {
            row = new ImportRow(lineNumber, line.ToEnrolRequest().ToEnrolment(registerId));
            return true;
        }
        catch (LedgerValidationException exception)
        {
            problem = new ImportProblem(lineNumber, exception.Field, exception.Message);
            return false;
        }
    }
}
