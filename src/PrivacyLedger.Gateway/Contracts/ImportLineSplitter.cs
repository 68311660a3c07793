using System.Buffers;
using System.Text;

namespace PrivacyLedger.Gateway.Contracts;

/// <summary>
/// Splits UTF-8 bytes into lines as <see cref="StreamReader.ReadLine"/> does (a line ends at "\n", "\r" or "\r\n"),
/// without making a string of each: the lines of a batch are copied side by side into one reused buffer, and each is
/// parsed as JSON straight from its bytes. Blank lines are counted but not kept. A line longer than
/// <see cref="MaxLineBytes"/> is not held: it is handed out as overlong (<see cref="IsOverlong"/>) and its bytes dropped
/// up to its end, so one line without an end cannot fill memory. Not thread-safe; one per import.
/// </summary>
internal sealed class ImportLineSplitter
{
    /// <summary>Far above any real line (every text field has its own, much smaller limit).</summary>
    public const int MaxLineBytes = 1 << 20;

    private static ReadOnlySpan<byte> Utf8Preamble => [0xEF, 0xBB, 0xBF];

    private readonly List<(long Number, int Start, int Length)> _lines = [];
    private byte[] _bytes = new byte[1 << 20];
    private int _used;
    private long _lineNumber;
    private bool _atStart = true;
    // A "\r" ended the previous read: a "\n" first in the next one belongs to it.
    private bool _afterCarriageReturn;
    // The bytes of the unfinished line at the front of the next buffer already searched for its end: searched once,
    // so a long line arriving in many reads costs its length, not its length times the reads.
    private int _scanned;
    // Inside a line already handed out as overlong: its bytes are dropped up to its end.
    private bool _skipping;

    public int Count => _lines.Count;

    public long Number(int index) => _lines[index].Number;

    /// <summary>Whether the line was longer than <see cref="MaxLineBytes"/> (and so has no bytes to read).</summary>
    public bool IsOverlong(int index) => _lines[index].Start < 0;

    public ReadOnlySpan<byte> Line(int index)
    {
        var (_, start, length) = _lines[index];
        return _bytes.AsSpan(start, length);
    }

    /// <summary>Forgets the lines handed out, keeping the buffer for the next batch.</summary>
    public void Clear()
    {
        _lines.Clear();
        _used = 0;
    }

    /// <summary>
    /// Takes whole lines from the front of <paramref name="buffer"/> until <paramref name="batchSize"/> are held;
    /// at the end of the body (<paramref name="isFinal"/>) the rest is the last line. Returns where to go on from.
    /// </summary>
    public SequencePosition Take(ReadOnlySequence<byte> buffer, bool isFinal, int batchSize)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (_atStart)
        {
            if (reader.Remaining < Utf8Preamble.Length && !isFinal && Utf8Preamble.StartsWith(buffer.ToArray()))
            {
                return reader.Position;
            }
            reader.IsNext(Utf8Preamble, advancePast: true);
            _atStart = false;
        }
        if (_afterCarriageReturn && reader.Remaining > 0)
        {
            reader.IsNext((byte)'\n', advancePast: true);
            _afterCarriageReturn = false;
        }
        while (_lines.Count < batchSize)
        {
            var start = reader.Position;
            reader.Advance(_scanned);
            if (!reader.TryAdvanceToAny("\r\n"u8, advancePastDelimiter: false))
            {
                var rest = buffer.Slice(start);
                if (isFinal)
                {
                    if (rest.Length > 0 && !_skipping)
                    {
                        Add(rest);
                    }
                    (_scanned, _skipping) = (0, false);
                    return buffer.End;
                }
                if (_skipping || rest.Length > MaxLineBytes)
                {
                    if (!_skipping)
                    {
                        AddOverlong();
                    }
                    (_scanned, _skipping) = (0, true);
                    return buffer.End;
                }
                // Unfinished: kept from its start for the next read, which searches on from where this one stopped.
                _scanned = checked((int)rest.Length);
                return start;
            }
            var line = buffer.Slice(start, reader.Position);
            _scanned = 0;
            reader.TryRead(out var delimiter);
            if (delimiter == '\r' && !reader.IsNext((byte)'\n', advancePast: true) && reader.Remaining == 0)
            {
                _afterCarriageReturn = true;
            }
            if (_skipping)
            {
                _skipping = false;
                continue;
            }
            Add(line);
        }
        return reader.Position;
    }

    private void Add(ReadOnlySequence<byte> line)
    {
        if (line.Length > MaxLineBytes)
        {
            AddOverlong();
            return;
        }
        _lineNumber++;
        var length = (int)line.Length;
        if (_used + length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + length));
        }
        var target = _bytes.AsSpan(_used, length);
        line.CopyTo(target);
        if (IsBlank(target))
        {
            return;
        }
        _lines.Add((_lineNumber, _used, length));
        _used += length;
    }

    private void AddOverlong()
    {
        _lineNumber++;
        _lines.Add((_lineNumber, -1, 0));
    }

    // As string.IsNullOrWhiteSpace of the decoded line; only a line that starts with non-ASCII bytes is decoded to tell.
    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (b >= 0x80)
            {
                return string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(line));
            }
            if (!char.IsWhiteSpace((char)b))
            {
                return false;
            }
        }
        return true;
    }
}
