using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Unicode;
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
/// memory whole. Lines are parsed from their UTF-8 bytes (<see cref="ImportLineSplitter"/>): no string per line. A line that cannot be read, or breaks a rule of <see cref="BodyRules"/> (a null in a list, an overlong
/// text), becomes a problem naming the field at fault, never quoting it (<see cref="JsonErrors"/>).
/// </summary>
public sealed class ImportLineReader(Stream body, string? defaultRegisterId, JsonSerializerOptions options)
{
    public async IAsyncEnumerable<ImportLineBatch> ReadBatchesAsync(int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pipe = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 1 << 16, leaveOpen: true));
        var lines = new ImportLineSplitter();
        try
        {
            while (true)
            {
                var read = await pipe.ReadAsync(cancellationToken);
                var buffer = read.Buffer;
                while (true)
                {
                    buffer = buffer.Slice(lines.Take(buffer, read.IsCompleted, batchSize));
                    if (lines.Count < batchSize)
                    {
                        break;
                    }
                    yield return Parse(lines);
                    lines.Clear();
                }
                pipe.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }
            if (lines.Count > 0)
            {
                yield return Parse(lines);
            }
        }
        finally
        {
            await pipe.CompleteAsync();
        }
    }

    /// <summary>Parses a batch's lines on every core: JSON and identifier normalisation are the costly part of reading.</summary>
    private ImportLineBatch Parse(ImportLineSplitter lines)
    {
        var parsed = new (ImportRow? Row, ImportProblem? Problem)[lines.Count];
        Parallel.For(0, lines.Count, i => parsed[i] = lines.IsOverlong(i)
            ? (null, new ImportProblem(lines.Number(i), "line", $"An import line may be at most {ImportLineSplitter.MaxLineBytes} bytes."))
            : TryRead(lines.Number(i), lines.Line(i), out var row, out var problem) ? (row, null) : (null, problem));
        var rows = new List<ImportRow>(parsed.Length);
        var problems = new List<ImportProblem>();
        foreach (var (row, problem) in parsed)
        {
            if (row is not null)
            {
                rows.Add(row);
            }
            else
            {
                problems.Add(problem!);
            }
        }
        return new ImportLineBatch(rows, problems);
    }

    private bool TryRead(long lineNumber, ReadOnlySpan<byte> text, out ImportRow row, out ImportProblem problem)
    {
        row = null!;
        problem = null!;
        // Checked whole: the JSON reader would pass over bad bytes inside a property it skips.
        if (!Utf8.IsValid(text))
        {
            problem = new ImportProblem(lineNumber, "line", "An import line must be UTF-8.");
            return false;
        }
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
