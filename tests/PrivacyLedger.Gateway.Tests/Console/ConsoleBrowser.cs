using Microsoft.Playwright;

namespace PrivacyLedger.Gateway.Tests.OfficerConsole;

/// <summary>
/// Headless Chromium from the distribution's package (<c>apt-get install chromium</c>, which .ci/run does), driven by
/// Playwright's bundled driver. Playwright's own browser builds are never downloaded or looked for: the executable is
/// given, and <c>PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD</c> is set for the driver.
/// </summary>
public static class ConsoleBrowser
{
    /// <summary>Where Debian puts Chromium; CONSOLE_TEST_CHROMIUM overrides it on a machine that has it elsewhere.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CONSOLE_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium is not at {ExecutablePath}: install the distribution's package (apt-get install chromium), as .ci/run does.");
        }
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // CI runs as root, where Chromium's sandbox cannot start; /dev/shm is small in containers.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
        return (playwright, browser);
    }
}
