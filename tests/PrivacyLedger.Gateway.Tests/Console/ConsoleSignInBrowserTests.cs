using Microsoft.Playwright;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests.OfficerConsole;

/// <summary>Signing in and out in a real browser, and a role without access refused with a clear message.</summary>
public abstract class ConsoleSignInBrowserTests(ConsoleBrowserFixture browser) : ConsoleBrowserTestBase(browser)
{
    [Fact]
    public async Task An_officer_signs_in_and_out_and_a_service_key_is_refused()
    {
        await Page.GotoAsync("/console/queue");
        Assert.EndsWith("/console/sign-in?returnUrl=%2Fconsole%2Fqueue", Page.Url, StringComparison.Ordinal);
        await ConsoleViewport.ScreenshotAsync(Page, "sign-in");

        await Page.GetByLabel("API key").FillAsync(GatewayFactory.KeyFor("privacy-officer"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Page.WaitForURLAsync("**/console/queue");
        var nav = Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        Assert.Equal(["Queue", "Person", "Campaigns", "Registers"], await nav.GetByRole(AriaRole.Link).AllInnerTextsAsync());

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Page.WaitForURLAsync("**/console/sign-in?signedOut=True");
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You have signed out.");
        await Page.GotoAsync("/console/queue");
        Assert.Contains("/console/sign-in", Page.Url, StringComparison.Ordinal);

        var service = await NewPageAsync();
        await SignInAsync(service, "service");
        await Assertions.Expect(service.GetByRole(AriaRole.Alert)).ToContainTextAsync("This key's role (service) may not use the console.");
        await service.GotoAsync("/console/queue");
        Assert.Contains("/console/sign-in", service.Url, StringComparison.Ordinal);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresConsoleSignInBrowserTests(PostgresClusterFixture postgres, ConsoleBrowserFixture browser)
    : ConsoleSignInBrowserTests(browser), IClassFixture<ConsoleBrowserFixture>
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteConsoleSignInBrowserTests(ConsoleBrowserFixture browser) : ConsoleSignInBrowserTests(browser), IClassFixture<ConsoleBrowserFixture>
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
