using System.Text;
using System.Text.Json;

namespace PrivacyLedger.Ledger.Compact;

/// <summary>
/// The property names and string values that <see cref="CompactPlain"/> writes as one byte: those of the ledger's event
/// data and of the sealed records (contact data, request details). Stored ciphertexts depend on the positions: append
/// at the end, never reorder, remove or reuse one. A name or value not listed is written out, so the lists are only
/// about size.
/// </summary>
public static class PlainVocabulary
{
    /// <summary>Name codes, from <see cref="PlainTags.KnownName"/> on.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "identifiers", "kind", "value", "contact", "givenName", "familyName", "email", "phone", "address", "language",
        "memberships", "registerId", "externalId", "categories", "source", "lastActivityAt", "reason", "scope", "channels",
        "purposeId", "evidence", "heldUntil", "confirmation", "confirmedBy", "at", "what", "afterSeq", "count", "type",
        "portability", "id",
    ];

    /// <summary>Value codes, from <see cref="PlainTags.KnownValue"/> on: identifier kinds and the ledger's fixed sources.</summary>
    public static IReadOnlyList<string> Values { get; } =
    [
        "email", "phone", "hetu", "customer-number", "rights-request", "suppression-list", "subject", "ledger",
    ];

    internal static readonly Lookup NameLookup = new(Names, PlainTags.KnownNameCount);
    internal static readonly Lookup ValueLookup = new(Values, PlainTags.KnownValueCount);

    /// <summary>
    /// UTF-8 to index by length, then a short scan: the lists are small, and a span lookup needs no string per call.
    /// Built once and never changed after.
    /// </summary>
    internal sealed class Lookup
    {
        private readonly byte[][] _utf8;
        private readonly int[][] _byLength;

        public Lookup(IReadOnlyList<string> words, int capacity)
        {
            if (words.Count > capacity)
            {
                throw new InvalidOperationException("More words than codes.");
            }
            _utf8 = [.. words.Select(Encoding.UTF8.GetBytes)];
            Encoded = [.. words.Select(word => JsonEncodedText.Encode(word, LedgerJson.Options.Encoder))];
            var longest = _utf8.Max(word => word.Length);
            _byLength = [.. Enumerable.Range(0, longest + 1).Select(length => Enumerable.Range(0, _utf8.Length).Where(i => _utf8[i].Length == length).ToArray())];
        }

        /// <summary>Each word as JSON writes it (escaped as the ledger's serializer escapes).</summary>
        public JsonEncodedText[] Encoded { get; }

        /// <summary>The word's index, or -1.</summary>
        public int IndexOf(ReadOnlySpan<byte> utf8)
        {
            if (utf8.Length >= _byLength.Length)
            {
                return -1;
            }
            foreach (var index in _byLength[utf8.Length])
            {
                if (utf8.SequenceEqual(_utf8[index]))
                {
                    return index;
                }
            }
            return -1;
        }
    }
}
