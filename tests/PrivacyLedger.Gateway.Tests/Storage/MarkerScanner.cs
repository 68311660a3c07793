using System.Buffers;
using System.Text;

namespace PrivacyLedger.Gateway.Tests.Storage;

/// <summary>
/// Counts where known plaintext values occur in files, byte for byte (free pages, WAL and all), in UTF-8 and UTF-16LE.
/// Bytes are read as Latin-1 (one char per byte), so one multi-string search finds every marker in either encoding.
/// </summary>
public sealed class MarkerScanner
{
    private const int BlockSize = 8 << 20;

    private readonly SearchValues<string> _search;
    private readonly (string Marker, string Needle)[] _needles;
    private readonly int _overlap;

    public MarkerScanner(IEnumerable<string> markers)
    {
        _needles = [.. markers.Distinct(StringComparer.Ordinal).SelectMany(marker => new[]
        {
            (marker, Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(marker))),
            (marker, Encoding.Latin1.GetString(Encoding.Unicode.GetBytes(marker))),
        })];
        _search = SearchValues.Create([.. _needles.Select(needle => needle.Needle).Distinct(StringComparer.Ordinal)], StringComparison.Ordinal);
        _overlap = _needles.Max(needle => needle.Needle.Length) - 1;
    }

    /// <summary>Each marker found, with where: file name (or "log") and count.</summary>
    public List<string> Scan(IEnumerable<string> files)
    {
        var found = new List<string>();
        foreach (var file in files)
        {
            Dictionary<string, int> counts;
            try
            {
                counts = ScanFile(file);
            }
            catch (FileNotFoundException)
            {
                // A temporary file the database removed while the folder was listed: nothing left to read.
                continue;
            }
            foreach (var (marker, count) in counts)
            {
                found.Add($"{marker} x{count} in {file}");
            }
        }
        return found;
    }

    public List<string> ScanText(string source, IEnumerable<string> lines)
    {
        var found = new List<string>();
        foreach (var line in lines)
        {
            foreach (var (marker, _) in _needles.Where(needle => line.Contains(needle.Marker, StringComparison.Ordinal)).Distinct())
            {
                found.Add($"{marker} in {source}: {line[..Math.Min(line.Length, 300)]}");
            }
        }
        return found;
    }

    private Dictionary<string, int> ScanFile(string path)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        // Read as it is, even while the database writes it.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[BlockSize + _overlap];
        var chars = new char[bytes.Length];
        var carried = 0;
        while (true)
        {
            var read = stream.ReadAtLeast(bytes.AsSpan(carried, BlockSize), BlockSize, throwOnEndOfStream: false);
            var length = carried + read;
            var end = read < BlockSize;
            Encoding.Latin1.GetChars(bytes.AsSpan(0, length), chars);
            // A match starting in the last bytes may run on into the next block: those are counted with that block.
            var countable = end ? length : length - _overlap;
            var text = chars.AsSpan(0, length);
            var offset = 0;
            while (offset < countable)
            {
                var at = text[offset..].IndexOfAny(_search);
                if (at < 0 || offset + at >= countable)
                {
                    break;
                }
                var position = offset + at;
                foreach (var (marker, needle) in _needles)
                {
                    if (text[position..].StartsWith(needle, StringComparison.Ordinal))
                    {
                        counts[marker] = counts.GetValueOrDefault(marker) + 1;
                    }
                }
                offset = position + 1;
            }
            if (end)
            {
                return counts;
            }
            bytes.AsSpan(length - _overlap, _overlap).CopyTo(bytes);
            carried = _overlap;
        }
    }
}
