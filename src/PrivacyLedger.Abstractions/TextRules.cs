using System.Globalization;

namespace PrivacyLedger.Ledger;

/// <summary>
/// Which characters text fields may hold. Letters and marks of every script are welcome (Finnish and Swedish
/// names, combining marks); refused are control characters, bidirectional overrides and isolates (they make text
/// display other than it reads, e.g. U+202E) and lone surrogates. The reasons never quote the text.
/// </summary>
public static class TextRules
{
    /// <summary>Why <paramref name="text"/> is refused, as the end of a sentence naming the field; null if it is fine.</summary>
    public static string? Check(string text, int maxLength, bool multiline)
    {
        if (text.Length > maxLength)
        {
            return $"can be at most {maxLength} characters";
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "is not valid Unicode text";
            }
            else if (multiline && c is '\n' or '\r' or '\t')
            {
                continue;
            }
            else if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                return multiline ? "cannot contain control characters (line breaks and tabs are fine)" : "cannot contain control characters or line breaks";
            }
            else if (IsBidiControl(c))
            {
                return "cannot contain bidirectional override or isolate characters";
            }
        }
        return null;
    }

    /// <summary>
    /// Whether an identifier may not hold this character: besides what no text may hold, any invisible formatting
    /// character (zero-width spaces and joiners, soft hyphens, direction marks), since two identifiers that look the
    /// same must be the same identifier.
    /// </summary>
    public static bool IsInvisible(char c) =>
        char.IsControl(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>Embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069).</summary>
    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
