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
/// memory whole. A line that cannot be read becomes a problem naming the field at fault; JSON errors name
/// the path only, because the parser's own message can quote the offending text, which is personal data.
/// </summary>
public sealed class ImportLineReader(Stream body, string? defaultRegisterId, JsonSerializerOptions options)
{
    public async IAsyncEnumerable<ImportLineBatch> ReadBatchesAsync(int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body);
        var rows = new List<ImportRow>(batchSize);
        var problems = new List<ImportProblem>();
        long lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            if (TryRead(lineNumber, line, out var row, out var problem))
            {
                rows.Add(row);
            }
            else
            {
                problems.Add(problem);
            }
            if (rows.Count + problems.Count == batchSize)
            {
                yield return new ImportLineBatch(rows, problems);
                rows = new List<ImportRow>(batchSize);
                problems = [];
            }
        }
        if (rows.Count + problems.Count > 0)
        {
            yield return new ImportLineBatch(rows, problems);
        }
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
            var path = string.IsNullOrEmpty(exception.Path) ? "$" : exception.Path;
            problem = new ImportProblem(lineNumber, path.TrimStart('$', '.') is { Length: > 0 } field ? field : "line", $"Not a valid import line (JSON error at {path}).");
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
