using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace PrivacyLedger.Gateway.Tests.OfficerConsole;

/// <summary>
/// The privacy officer's day in a real browser: the queue, an overdue request (whose deadline can no longer be
/// extended: the domain's refusal is shown on the form), verifying it, extending a request still in its first month
/// and confirming its erasure task after the confirmation step; screenshots of the queue and a request page.
/// </summary>
public abstract class ConsoleRequestBrowserTests(ConsoleBrowserFixture browser) : ConsoleBrowserTestBase(browser)
{
    [Fact]
    public async Task An_officer_works_requests_from_the_queue()
    {
        var seed = new ConsoleSeed(Gateway);
        var (registerId, category) = await seed.ExternalRegisterAsync();
        var subjectId = await seed.EnrolAsync(registerId, category);
        var overdue = await seed.RequestAsync("access", subjectId, daysAgo: 45, registers: [registerId]);
        var erasure = await seed.RequestAsync("erasure", subjectId, daysAgo: 20, registers: [registerId]);
        await seed.VerifyAsync(erasure);

        await SignInAsync(Page, "privacy-officer");
        await Page.WaitForURLAsync("**/console/queue");
        await Page.GetByLabel("Register").SelectOptionAsync(registerId);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        // The unfiltered queue shows the same two rows: wait for the filtered page, or a click lands on the one it replaces.
        await Page.WaitForURLAsync(new Regex("/console/queue\\?.*register="));
        var rows = Page.Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await ConsoleViewport.ScreenshotAsync(Page, "queue");

        // The overdue one: past its first month, so the extension is refused, in words, on the extension form.
        await rows.Nth(0).GetByRole(AriaRole.Link, new() { Name = overdue }).ClickAsync();
        await Assertions.Expect(Page.Locator("dl.facts")).ToContainTextAsync("Overdue since");
        var extend = Page.GetByRole(AriaRole.Form, new() { Name = "Extend the deadline" });
        await extend.GetByLabel("Months").SelectOptionAsync("1");
        await extend.GetByLabel("Reason").FillAsync("Many registers to search");
        await extend.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(extend.GetByRole(AriaRole.Alert)).ToContainTextAsync("within the first month");
        await Assertions.Expect(extend.GetByLabel("Reason")).ToHaveValueAsync("Many registers to search");

        var verify = Page.GetByRole(AriaRole.Form, new() { Name = "Verify identity" });
        await verify.GetByLabel("Method").SelectOptionAsync("photo-id");
        await verify.GetByLabel("Verified by").FillAsync("officer-anna");
        await verify.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Identity verified.");
        await Assertions.Expect(Page.Locator("ol.timeline")).ToContainTextAsync("Identity verified: Photo ID, by officer-anna");

        // The erasure in its first month: extended by two months with a reason, then its external task confirmed.
        await Page.GotoAsync($"/console/requests/{erasure}");
        extend = Page.GetByRole(AriaRole.Form, new() { Name = "Extend the deadline" });
        await extend.GetByLabel("Months").SelectOptionAsync("2");
        await extend.GetByLabel("Reason").FillAsync("The external system runs its deletions monthly");
        await extend.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Deadline extended.");
        await Assertions.Expect(Page.Locator("ol.timeline")).ToContainTextAsync("Deadline extended by 2 month(s): The external system runs its deletions monthly");

        var confirm = Page.Locator("form", new() { Has = Page.GetByLabel("Evidence") });
        await confirm.GetByLabel("Evidence").FillAsync("deleted 3 rows, job 991");
        await confirm.GetByRole(AriaRole.Button).ClickAsync();
        // Not ticked: nothing is done, and the form says why next to the box.
        var box = confirm.GetByRole(AriaRole.Checkbox);
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(confirm.Locator(".field-error")).ToHaveTextAsync("Tick the box to confirm.");
        Assert.Equal("in-progress", (await seed.GetAsync(erasure))["status"]!.GetValue<string>());
        await box.CheckAsync();
        await confirm.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Task confirmed.");
        // The confirmation completed the erasure: the person's key is gone, and with it the free text sealed under it.
        await Assertions.Expect(Page.Locator("ol.timeline")).ToContainTextAsync("confirmed by (shredded): (shredded)");
        await Assertions.Expect(Page.Locator("ol.timeline")).ToContainTextAsync("Deadline extended by 2 month(s): (shredded)");
        await ConsoleViewport.ScreenshotAsync(Page, "request");

        var done = await seed.GetAsync(erasure);
        Assert.Equal("completed", done["status"]!.GetValue<string>());
        Assert.Equal(2, done["extension"]!["months"]!.GetValue<int>());
        Assert.Equal("", done["tasks"]![0]!["confirmation"]!["evidence"]!.GetValue<string>());

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Page.WaitForURLAsync("**/console/sign-in?signedOut=True");
        await Page.GotoAsync($"/console/requests/{erasure}");
        Assert.Contains("/console/sign-in", Page.Url, StringComparison.Ordinal);
    }
}

public sealed class SqliteConsoleRequestBrowserTests(ConsoleBrowserFixture browser) : ConsoleRequestBrowserTests(browser), IClassFixture<ConsoleBrowserFixture>
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
