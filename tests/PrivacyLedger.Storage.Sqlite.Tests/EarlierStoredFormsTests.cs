using System.Text.RegularExpressions;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Sqlite.Tests;

/// <summary>
/// The upgrade's conversion of wrapped data keys stored by earlier versions (SQLite's scripts call it): whichever form
/// a base64 key reached it in, it leaves as the version and the raw sealed bytes. No database needed.
/// </summary>
public sealed class EarlierStoredFormsTests
{
    [Fact]
    public void A_base64_key_that_took_the_prefix_form_is_converted_like_one_stored_as_text()
    {
        // Script 4 run by today's code stores base64 ending in "/<lower hex>" in the prefix form (tag 3), not as text.
        var random = new Random(13);
        var sealedBytes = new byte[60];
        string base64;
        do
        {
            random.NextBytes(sealedBytes);
            base64 = Convert.ToBase64String(sealedBytes);
        }
        while (!Regex.IsMatch(base64, "/([0-9a-f]{2})+$"));
        var hex = Convert.ToHexStringLower(sealedBytes);

        foreach (var stored in new[] { $"v2:{base64}", base64 })
        {
            var expected = CompactKey.Encode(stored.StartsWith("v2:", StringComparison.Ordinal) ? $"v2:{hex}" : hex);
            Assert.Equal(CompactKey.SlashHexTag, CompactKey.Encode(stored)[0]);
            Assert.Equal(expected, EarlierStoredForms.CompactWrapped(CompactKey.Encode(stored)));
            Assert.Equal(expected, EarlierStoredForms.CompactWrapped([CompactKey.TextTag, .. System.Text.Encoding.UTF8.GetBytes(stored)]));
        }
    }

    [Theory]
    [InlineData("QUJD\n")]
    [InlineData("QUJ")]
    [InlineData("not base64!")]
    public void Anything_that_is_not_a_whole_base64_key_is_only_re_encoded(string stored) =>
        Assert.Equal(CompactKey.Encode(stored), EarlierStoredForms.CompactWrapped([CompactKey.TextTag, .. System.Text.Encoding.UTF8.GetBytes(stored)]));
}
