using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using PrivacyLedger.Gateway.OfficerConsole;

namespace PrivacyLedger.Gateway.Tests.OfficerConsole;

/// <summary>Every console text exists in both languages, and every key a page asks for is in the dictionary.</summary>
public sealed partial class ConsoleTextTests
{
    [Fact]
    public void Every_text_has_English_and_Finnish()
    {
        Assert.NotEmpty(ConsoleStrings.All);
        Assert.All(ConsoleStrings.All, text =>
        {
            Assert.False(string.IsNullOrWhiteSpace(text.Value.En), text.Key);
            Assert.False(string.IsNullOrWhiteSpace(text.Value.Fi), text.Key);
        });
    }

    [Fact]
    public void Every_key_a_page_names_is_in_the_dictionary()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "src", "PrivacyLedger.Gateway", "Console")))
        {
            directory = directory.Parent;
        }
        Assert.NotNull(directory);
        var sources = Directory.EnumerateFiles(Path.Combine(directory.FullName, "src", "PrivacyLedger.Gateway", "Console"), "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".cshtml", StringComparison.Ordinal) || path.EndsWith(".cs", StringComparison.Ordinal));
        var missing = sources
            .SelectMany(path => NamedKey().Matches(File.ReadAllText(path)).Select(match => (File: Path.GetFileName(path), Key: match.Groups[1].Value)))
            .Where(use => !ConsoleStrings.All.ContainsKey(use.Key))
            .Select(use => $"{use.File}: {use.Key}")
            .ToList();
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Theory]
    [InlineData(null, null, "en")]
    [InlineData(null, "fi-FI,fi;q=0.9,en;q=0.5", "fi")]
    [InlineData(null, "sv-FI, en;q=0.8, fi;q=0.9", "fi")]
    [InlineData(null, "de-DE", "en")]
    [InlineData("en", "fi-FI", "en")]
    [InlineData("fi", "en-GB", "fi")]
    [InlineData("sv", "en-GB", "en")]
    public void The_language_is_the_switch_s_choice_else_the_browser_s_else_English(string? chosen, string? accepted, string expected)
    {
        var context = new DefaultHttpContext();
        if (chosen is not null)
        {
            context.Request.Headers.Cookie = $"{ConsoleLanguage.CookieName}={chosen}";
        }
        if (accepted is not null)
        {
            context.Request.Headers.AcceptLanguage = accepted;
        }

        Assert.Equal(expected, ConsoleLanguage.Choose(context.Request));
    }

    /// <summary>A literal key: T["nav.queue"], text["signin.unknown-key"], T.Format("queue.due-this-week", ...).</summary>
    [GeneratedRegex("""(?:\bT|\btext)(?:\[|\.Format\()"([a-z0-9.-]+)"[\],]""")]
    private static partial Regex NamedKey();
}
