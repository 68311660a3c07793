using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests.OfficerConsole;

/// <summary>
/// The person, registers and campaigns pages in a real browser: an officer looks a person up and reveals their data
/// (the read is then in the person's ledger, as the API shows it), reads the registers in three languages; an operator
/// pauses, resumes and cancels a campaign and runs a dry run before the real run. Screenshots of each page at laptop
/// and phone width.
/// </summary>
public abstract class ConsolePagesBrowserTests(ConsoleBrowserFixture browser) : ConsoleBrowserTestBase(browser)
{
    private const string Register = "pk-terveys-customers";

    // As long as the harness gives an action: on a loaded machine a POST and its redirect can outlast Playwright's 5 s default.
    private static readonly LocatorAssertionsToHaveTextOptions Within = new() { Timeout = 15_000 };
    private static readonly LocatorAssertionsToContainTextOptions Contains = new() { Timeout = 15_000 };
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 15_000 };

    [Fact]
    public async Task An_officer_reveals_a_persons_data_the_read_is_in_their_ledger_and_the_registers_show_three_languages()
    {
        var email = $"maija-{Guid.NewGuid():N}@example.fi";
        var subjectId = await EnrolAsync(email, "Maija", lastActivityAt: null);
        await SignInAsync(Page, "privacy-officer");

        await Page.GotoAsync("/console/person");
        await Page.GetByLabel("Identifier kind").SelectOptionAsync("email");
        await Page.GetByLabel("Identifier", new() { Exact = true }).FillAsync(email);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Page.WaitForURLAsync($"**/console/person?id={subjectId}");
        await Assertions.Expect(Page.Locator("[data-field=givenName]")).ToHaveTextAsync("M•••", Within);
        await Assertions.Expect(Page.Locator("#chain")).ToContainTextAsync("The chain is intact.", Contains);
        Assert.DoesNotContain(email, await Page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("subject", await ReadsAsync(subjectId));
        await ConsoleViewport.ScreenshotAsync(Page, "person");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Reveal personal data" }).ClickAsync();
        await Assertions.Expect(Page.Locator("[data-field=givenName]")).ToHaveTextAsync("Maija", Within);
        await Assertions.Expect(Page.Locator("[data-identifier=email]")).ToContainTextAsync(email, Contains);
        Assert.Equal(["subject-masked", "subject"], await ReadsAsync(subjectId));
        await ConsoleViewport.ScreenshotAsync(Page, "person-revealed");

        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Registers" }).ClickAsync();
        var names = Page.Locator("#register-plusterveys-corporate table.languages tbody tr").First;
        await Assertions.Expect(names.Locator("[data-lang=fi]")).ToHaveTextAsync("PlusTerveiden yritysasiakas- ja markkinointirekisteri", Within);
        await Assertions.Expect(names.Locator("[data-lang=sv]")).ToHaveTextAsync("PlusTerveys företagskund- och marknadsföringsregister", Within);
        await Assertions.Expect(names.Locator("[data-lang=en]")).ToHaveTextAsync("PlusTerveys corporate-customer and marketing register", Within);
        await Assertions.Expect(Page.Locator($"#register-counts tr[data-register={Register}] [data-k=members]")).ToHaveTextAsync("1", Within);
        await Assertions.Expect(Page.Locator($"svg g[data-register={Register}] rect").First).ToBeVisibleAsync(Visible);
        await ConsoleViewport.ScreenshotAsync(Page, "registers");
    }

    [Fact]
    public async Task An_operator_pauses_resumes_and_cancels_a_campaign_and_runs_a_dry_run_before_the_real_run()
    {
        var inactive = await EnrolAsync($"old-{Guid.NewGuid():N}@example.fi", "Vanha", lastActivityAt: new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var operatorApi = Gateway.ClientFor("campaign-operator");
        // A paced real run over people never known: it erases no one and runs long enough to be paused.
        var started = await operatorApi.PostAsJsonAsync("/v1/campaigns", new { kind = "erasure", selector = new { subjectIds = Enumerable.Range(0, 300).Select(i => $"nobody-{i}") }, dryRun = false, maxPerSecond = 2 });
        var campaignId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["campaignId"]!.GetValue<string>();
        await SignInAsync(Page, "campaign-operator");

        await Page.GotoAsync("/console/campaigns");
        var card = Page.Locator($"article[data-campaign=\"{campaignId}\"]");
        await Assertions.Expect(card.Locator("[data-k=status]")).ToHaveTextAsync("Running", Within);
        // The numbers move without a reload.
        var before = await card.Locator("[data-k=processed]").InnerTextAsync();
        await Assertions.Expect(card.Locator("[data-k=processed]")).Not.ToHaveTextAsync(before, new() { Timeout = 10_000 });
        await ConsoleViewport.ScreenshotAsync(Page, "campaigns");

        await card.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Assertions.Expect(card.Locator("[data-k=status]")).ToHaveTextAsync("Paused", Within);
        Assert.Equal("paused", await StatusAsync(campaignId));
        await card.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Assertions.Expect(card.Locator("[data-k=status]")).ToHaveTextAsync("Running", Within);
        Assert.Equal("running", await StatusAsync(campaignId));
        await card.GetByRole(AriaRole.Link, new() { Name = "Cancel…" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = $"Cancel campaign {campaignId}?" })).ToBeVisibleAsync(Visible);
        Assert.Equal("running", await StatusAsync(campaignId));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel the campaign" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The campaign is cancelled.", Within);
        Assert.Equal("cancelled", await StatusAsync(campaignId));

        // A dry run first: its count, then the real run once confirmed.
        await Page.GetByLabel("Kind").SelectOptionAsync("RegisterPurge");
        await Page.GetByLabel("Register", new() { Exact = true }).SelectOptionAsync(Register);
        await Page.GetByLabel("Select people").SelectOptionAsync("inactive");
        await Page.GetByLabel("Inactive since").FillAsync("2020-01-01");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start a dry run" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#dry-run-count")).ToHaveTextAsync("1", new() { Timeout = 20_000 });
        Assert.Equal(1, await MembersAsync());
        await ConsoleViewport.ScreenshotAsync(Page, "campaigns-dry-run");
        await Page.GetByLabel("I confirm: run this for real over 1 people.", new() { Exact = false }).CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Run for real" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The campaign has started.", Within);
        Assert.True(await Eventually.TrueAsync(async () => await MembersAsync() == 0, TimeSpan.FromSeconds(20)), $"{inactive} was not purged");
    }

    private async Task<string> EnrolAsync(string email, string givenName, DateTimeOffset? lastActivityAt)
    {
        var response = await Gateway.ClientFor("service").PostAsJsonAsync($"/v1/registers/{Register}/members", new
        {
            identifiers = new[] { new { kind = "email", value = email } },
            contact = new { givenName, email },
            categories = new[] { new { id = "basic-data" } },
            lastActivityAt,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
    }

    /// <summary>What each read of the person recorded by the console's officer says it read, oldest first (the API's ledger).</summary>
    private async Task<List<string>> ReadsAsync(string subjectId)
    {
        var page = await Gateway.ClientFor("admin").GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger?limit=1000");
        return [.. page!["items"]!.AsArray()
            .Where(e => e!["type"]!.GetValue<string>() == "personal-data.read" && e["actor"]!.GetValue<string>().Contains("test-privacy-officer", StringComparison.Ordinal))
            .Select(e => e!["data"]!["what"]!.GetValue<string>())];
    }

    private async Task<string> StatusAsync(string campaignId) =>
        (await Gateway.ClientFor("campaign-operator").GetFromJsonAsync<JsonObject>($"/v1/campaigns/{campaignId}"))!["status"]!.GetValue<string>();

    private async Task<int> MembersAsync() =>
        (await Gateway.ClientFor("admin").GetFromJsonAsync<JsonObject>($"/v1/registers/{Register}/members?limit=1000"))!["items"]!.AsArray().Count;
}

/// <summary>On SQLite only: the pages' domain paths run on both engines in their own tests (campaign list, register statistics, masked read).</summary>
public sealed class SqliteConsolePagesBrowserTests(ConsoleBrowserFixture browser) : ConsolePagesBrowserTests(browser), IClassFixture<ConsoleBrowserFixture>
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
