using System.Text;
using System.Text.RegularExpressions;

namespace PrivacyLedger.Storage;

/// <summary>
/// Conversions of keys stored by earlier schema versions to today's <see cref="CompactKey"/> forms, for the engines'
/// upgrade scripts (PostgreSQL's scripts 007 and 009 spell the same rules in SQL).
/// </summary>
public static partial class EarlierStoredForms
{
    /// <summary>A key stored before "&lt;prefix&gt;/&lt;hex&gt;" had its own form: text (tag 2) is re-encoded, the rest kept.</summary>
    public static byte[] Recompact(byte[] stored) =>
        stored.Length > 0 && stored[0] == CompactKey.TextTag ? CompactKey.Encode(Encoding.UTF8.GetString(stored.AsSpan(1))) : stored;

    /// <summary>
    /// A key stored before its prefix had a tag of its own (<see cref="CompactKey.WellKnownPrefixes"/>: "ledger/&lt;hex&gt;"
    /// in the <see cref="CompactKey.SlashHexTag"/> form), as today's encoder stores its text; any other key as it was.
    /// </summary>
    public static byte[] Reencode(byte[] stored) => stored.Length > 0 ? CompactKey.Encode(CompactKey.Decode(stored)) : stored;

    /// <summary>
    /// A wrapped data key stored as "v&lt;n&gt;:&lt;base64&gt;" or bare base64 (version 1), as its form "v&lt;n&gt;:&lt;hex&gt;"
    /// (bare hex for version 1) is stored: the version and the raw sealed bytes. Anything else is only re-encoded.
    /// Read in whatever form it was stored: a SQLite file upgraded from version 3 in one go has its keys from script 4
    /// in today's forms, where base64 with a "/" followed by what looks like hex takes the prefix form (tag 3).
    /// </summary>
    public static byte[] CompactWrapped(byte[] stored)
    {
        if (stored.Length == 0)
        {
            return stored;
        }
        var text = CompactKey.Decode(stored);
        var match = LegacyWrapped().Match(text);
        if (!match.Success || match.Groups["base64"].Length % 4 != 0)
        {
            return CompactKey.Encode(text);
        }
        var hex = Convert.ToHexStringLower(Convert.FromBase64String(match.Groups["base64"].Value));
        return CompactKey.Encode(match.Groups["version"].Success ? $"{match.Groups["version"].Value}:{hex}" : hex);
    }

    // \z, not $: $ would also match before a final "\n", which PostgreSQL's spelling of the rule does not.
    [GeneratedRegex("^(?:(?<version>v[0-9]+):)?(?<base64>[A-Za-z0-9+/]+={0,2})\\z")]
    private static partial Regex LegacyWrapped();
}
