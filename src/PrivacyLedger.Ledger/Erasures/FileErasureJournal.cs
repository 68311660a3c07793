using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PrivacyLedger.Ledger.Erasures;

/// <summary>
/// The erasure journal as a file of JSON lines, <c>{"subjectId":…,"erasedAt":…}</c>. Grains hand their records to one
/// writer, which appends whatever has queued up meanwhile in one write and one fsync: a purge campaign's hundreds of
/// erasures a second share a few flushes instead of each paying its own. A line a crash cut short is ended with a
/// newline when the file is next opened and skipped by readers: its erasure had not been acknowledged, so not committed.
/// </summary>
public sealed partial class FileErasureJournal : IErasureJournal, IAsyncDisposable
{
    // Enough to cover a campaign chunk's erasures in one flush; bounded so one batch's buffer stays small.
    private const int MaxBatch = 4_096;

    private readonly string _path;
    private readonly ILogger<FileErasureJournal> _logger;
    private readonly AppendOnlyFile _file;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public FileErasureJournal(IOptions<ErasureJournalOptions> options, ILogger<FileErasureJournal> logger)
    {
        _path = System.IO.Path.GetFullPath(options.Value.Path);
        _logger = logger;
        _file = OpenForAppend(_path);
        _writer = Task.Run(WriteLoopAsync);
    }

    public string Path => _path;

    /// <summary>
    /// Opens (creating folder and file if missing) for appending, and ends a line a crash left torn, so the next
    /// record starts a line of its own. Throws when the location cannot be written: start-up stops on it.
    /// </summary>
    internal static AppendOnlyFile OpenForAppend(string path)
    {
        if (System.IO.Path.GetDirectoryName(path) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }
        var file = AppendOnlyFile.Open(path);
        try
        {
            using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (reader.Length > 0)
            {
                reader.Seek(-1, SeekOrigin.End);
                if (reader.ReadByte() != '\n')
                {
                    file.Write("\n"u8);
                    file.Flush();
                }
            }
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public Task AppendAsync(ErasureRecord record, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(record, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(FileErasureJournal), "The erasure journal is closed: the node is stopping.");
        }
        return pending.Written.Task.WaitAsync(cancellationToken);
    }

    public async IAsyncEnumerable<ErasureRecord> ReadAllAsync(ErasureJournalReadStats stats, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true);
        // The journal as it is now: re-erasures made while it is read are appended to it, and are not to be read again.
        using var reader = new StreamReader(new LengthLimitedStream(file, file.Length), Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            if (Parse(line) is { } record)
            {
                yield return record;
            }
            else
            {
                stats.UnreadableLines++;
            }
        }
    }

    private static ErasureRecord? Parse(string line)
    {
        try
        {
            var stored = JsonSerializer.Deserialize(line, ErasureJournalJson.Default.StoredRecord);
            return stored is { SubjectId.Length: > 0 } ? new ErasureRecord(stored.SubjectId, stored.ErasedAt) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            try
            {
                buffer.ResetWrittenCount();
                foreach (var pending in batch)
                {
                    WriteLine(buffer, pending.Record);
                }
                _file.Write(buffer.WrittenSpan);
                _file.Flush();
                foreach (var pending in batch)
                {
                    pending.Written.TrySetResult();
                }
            }
#pragma warning disable CA1031 // Every waiting erasure gets the failure: none of them may commit without its record.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                JournalWriteFailed(_logger, batch.Count, exception);
                foreach (var pending in batch)
                {
                    pending.Written.TrySetException(exception);
                }
            }
            batch.Clear();
        }
    }

    private static void WriteLine(ArrayBufferWriter<byte> buffer, ErasureRecord record)
    {
        using (var json = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(json, new StoredRecord(record.SubjectId, record.ErasedAt), ErasureJournalJson.Default.StoredRecord);
        }
        buffer.Write("\n"u8);
    }

    public async ValueTask DisposeAsync()
    {
        // Records queued before the stop are still written: their erasures are waiting to commit.
        _queue.Writer.TryComplete();
        await _writer;
        _file.Dispose();
    }

    [LoggerMessage(EventId = 2960, Level = LogLevel.Error, Message = "The erasure journal could not be written; {Count} erasures were refused and not committed")]
    private static partial void JournalWriteFailed(ILogger logger, int count, Exception exception);

    private sealed record Pending(ErasureRecord Record, TaskCompletionSource Written);

    internal sealed record StoredRecord(string SubjectId, DateTimeOffset ErasedAt);
}
