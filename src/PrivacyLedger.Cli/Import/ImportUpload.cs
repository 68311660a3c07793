using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PrivacyLedger.Cli.Gateway;

namespace PrivacyLedger.Cli.Import;

/// <summary>
/// The body of one <c>POST /v1/imports</c>: the file's readable records as JSON Lines, written as the request
/// streams, so a file of millions is never in memory. Records that cannot be read are not sent; they are kept
/// with their file line for the report. Sent line n is file line <see cref="FileLineOf"/>(n).
/// </summary>
internal sealed class ImportUpload : HttpContent
{
    private const int FlushAt = 64 * 1024;

    private readonly ImportFile _file;
    private readonly List<int> _fileLines = [];
    private readonly List<ImportRecord> _unreadable = [];
    private long _read;

    public ImportUpload(ImportFile file)
    {
        _file = file;
        Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
    }

    /// <summary>Records read from the file so far, sent or not: the progress through it.</summary>
    public long Read => Interlocked.Read(ref _read);

    public IReadOnlyList<ImportRecord> Unreadable => _unreadable;

    /// <summary>The file line of the n-th line sent (1-based), as the gateway numbers them.</summary>
    public int FileLineOf(long sentLine) => sentLine >= 1 && sentLine <= _fileLines.Count ? _fileLines[(int)sentLine - 1] : 0;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // A retry sends the whole file again: the bookkeeping starts afresh.
        _fileLines.Clear();
        _unreadable.Clear();
        Interlocked.Exchange(ref _read, 0);
        var buffer = new ArrayBufferWriter<byte>(2 * FlushAt);
        await using var json = new Utf8JsonWriter(buffer);
        foreach (var record in _file.ReadRecords())
        {
            cancellationToken.ThrowIfCancellationRequested();
            Interlocked.Increment(ref _read);
            if (record.Body is null)
            {
                _unreadable.Add(record);
                continue;
            }
            JsonSerializer.Serialize(json, record.Body, CliJson.Options);
            json.Flush();
            json.Reset();
            buffer.Write("\n"u8);
            _fileLines.Add(record.Line);
            if (buffer.WrittenCount >= FlushAt)
            {
                await stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
                buffer.ResetWrittenCount();
            }
        }
        await stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
