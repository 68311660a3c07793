using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests.OfficerConsole;

/// <summary>
/// Signing in and out in a real browser, the queue showing an overdue request as overdue in words, and a role without
/// access refused with a clear message: on both engines.
/// </summary>
public abstract class ConsoleSignInBrowserTests(ConsoleBrowserFixture browser) : ConsoleBrowserTestBase(browser)
{
    [Fact]
    public async Task An_officer_signs_in_finds_an_overdue_request_in_the_queue_and_signs_out_and_a_service_key_is_refused()
    {
        var seed = new ConsoleSeed(Gateway);
        var subjectId = await seed.EnrolAsync(ConsoleSeed.Corporate, "contact-person");
        var overdue = await seed.RequestAsync("access", subjectId, daysAgo: 40);
        var current = await seed.RequestAsync("objection", subjectId, daysAgo: 1);

        await Page.GotoAsync("/console/queue");
        Assert.EndsWith("/console/sign-in?returnUrl=%2Fconsole%2Fqueue", Page.Url, StringComparison.Ordinal);
        await ConsoleViewport.ScreenshotAsync(Page, "sign-in");

        await Page.GetByLabel("API key").FillAsync(GatewayFactory.KeyFor("privacy-officer"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Page.WaitForURLAsync("**/console/queue");
        var nav = Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        Assert.Equal(["Queue", "Person", "Campaigns", "Registers"], await nav.GetByRole(AriaRole.Link).AllInnerTextsAsync());
        var rows = Page.Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        // By due date: the overdue one first, marked in words (not by colour alone); the other one is not.
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync(overdue);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("Overdue");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync(current);
        await Assertions.Expect(rows.Nth(1)).Not.ToContainTextAsync("Overdue");
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Overdue: 1");
        await Page.GetByLabel("Overdue only").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        // The filtered page fully loaded before the next click: a click on the page being replaced can be lost, and the
        // sign-out after it then waited for a navigation that never came (a CI run under load).
        await Page.WaitForURLAsync(new Regex("/console/queue\\?.*overdue=true"));
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync(overdue);

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

[Collection(PostgresCollection2.Name)]
public sealed class PostgresConsoleSignInBrowserTests(PostgresClusterFixture postgres, ConsoleBrowserFixture browser)
    : ConsoleSignInBrowserTests(browser), IClassFixture<ConsoleBrowserFixture>
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteConsoleSignInBrowserTests(ConsoleBrowserFixture browser) : ConsoleSignInBrowserTests(browser), IClassFixture<ConsoleBrowserFixture>
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
