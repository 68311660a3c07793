using Microsoft.Playwright;

namespace PrivacyLedger.Gateway.Tests.OfficerConsole;

/// <summary>The two widths every console page is looked at: a laptop's and a phone's.</summary>
public static class ConsoleViewport
{
    public static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>TestResults/console-screenshots under the test output folder.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "console-screenshots");

    /// <summary>The page as it is, full length, at both widths (name-laptop.png, name-phone.png); the page is left at laptop width.</summary>
    public static async Task<IReadOnlyList<string>> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var files = new List<string>();
        foreach (var (width, size) in new[] { ("laptop", Laptop), ("phone", Phone) })
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
            var file = Path.Combine(ScreenshotFolder, $"{name}-{width}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            files.Add(file);
        }
        await page.SetViewportSizeAsync(Laptop.Width, Laptop.Height);
        return files;
    }
}
