using System.Text.Json;
using System.Threading.Channels;

namespace PrivacyLedger.ClusterDrill;

/// <summary>
/// The file of acknowledged consent changes, one JSON line per 204, written as they come in and read back whole by the
/// verification: what is checked is what the client was told, not what it meant to send.
/// </summary>
internal sealed class AckLog : IAsyncDisposable
{
    private readonly Channel<AckedChange> _lines = Channel.CreateUnbounded<AckedChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private long _count;

    public AckLog(string path)
    {
        Path = path;
        _writer = WriteAsync(path);
    }

    public string Path { get; }

    public long Count => Interlocked.Read(ref _count);

    public void Add(AckedChange change)
    {
        Interlocked.Increment(ref _count);
        _lines.Writer.TryWrite(change);
    }

    /// <summary>Every acknowledged change, in the order acknowledged.</summary>
    public static async Task<List<AckedChange>> ReadAsync(string path)
    {
        var changes = new List<AckedChange>();
        await foreach (var line in File.ReadLinesAsync(path))
        {
            changes.Add(JsonSerializer.Deserialize<AckedChange>(line)!);
        }
        return changes;
    }

    private async Task WriteAsync(string path)
    {
        await using var file = new StreamWriter(path, append: false);
        await foreach (var change in _lines.Reader.ReadAllAsync())
        {
            await file.WriteLineAsync(JsonSerializer.Serialize(change));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        await _writer;
    }
}

/// <summary>A consent change the gateway acknowledged (204): to whom, which evidence (unique per change), which channels, when.</summary>
internal sealed record AckedChange(string SubjectId, string Evidence, string[] Channels, double At);
