using Microsoft.Playwright;

namespace PrivacyLedger.Gateway.Tests.OfficerConsole;

/// <summary>One Chromium per test class (xunit class fixture): launching it is the slow part, a page is cheap.</summary>
public sealed class ConsoleBrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync() => (_playwright, Browser) = await ConsoleBrowser.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}
