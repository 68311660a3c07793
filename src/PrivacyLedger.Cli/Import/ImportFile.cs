namespace PrivacyLedger.Cli.Import;

/// <summary>An import file and how to read it. Each pass opens the file anew, so a large file is never held in memory.</summary>
public sealed class ImportFile(string path, string format, string? source)
{
    public const string Csv = "csv";
    public const string JsonLinesFormat = "jsonl";

    public string Path { get; } = path;

    public string Format { get; } = format;

    /// <summary>The format the option names, or else the one the file name suggests (CSV unless .jsonl/.ndjson).</summary>
    public static string ChooseFormat(string path, string? option) =>
        option ?? (System.IO.Path.GetExtension(path).ToLowerInvariant() is ".jsonl" or ".ndjson" ? JsonLinesFormat : Csv);

    public IEnumerable<ImportRecord> ReadRecords()
    {
        using var reader = new StreamReader(Path, detectEncodingFromByteOrderMarks: true);
        var records = Format == JsonLinesFormat ? JsonLines.Read(reader, source) : PeopleCsv.Read(reader, source);
        foreach (var record in records)
        {
            yield return record;
        }
    }

    /// <summary>A first pass for the progress bar's total; it also finds a bad header before anything is sent.</summary>
    public int CountRecords() => ReadRecords().Count();
}
