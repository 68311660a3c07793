using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace PrivacyLedger.Gateway.Tests.OfficerConsole;

/// <summary>
/// A gateway on a real loopback Kestrel port (the browser needs a socket, not the in-memory test server) and a
/// browser page on it, signed in or not. Subclasses say which storage, as every gateway test does.
/// </summary>
public abstract class ConsoleBrowserTestBase(ConsoleBrowserFixture browser) : GatewayTestBase
{
    private readonly List<IBrowserContext> _contexts = [];

    /// <summary>The gateway's address, e.g. http://127.0.0.1:40123.</summary>
    protected Uri BaseAddress { get; private set; } = null!;

    /// <summary>
    /// No gRPC listener: on Kestrel the gateway would bind the default gRPC port, which browser test classes running
    /// side by side (and any gateway already on this machine) would fight over. The console does not use gRPC.
    /// </summary>
    protected override IReadOnlyDictionary<string, string?> ExtraSettings() => new Dictionary<string, string?> { ["Grpc:Url"] = "" };

    /// <summary>The page the test drives, at laptop width, in English.</summary>
    protected IPage Page { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Gateway.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        Gateway.StartServer();
        var address = Gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);
        Page = await NewPageAsync();
    }

    /// <summary>A page in a browser context of its own (its own cookies): another person at another desk.</summary>
    protected async Task<IPage> NewPageAsync(string locale = "en-GB")
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = ConsoleViewport.Laptop,
            Locale = locale,
        });
        // Generous: Chromium's processes share CI's two cores with four tests at a time, and a navigation there once
        // took over 15 s (sign-out's redirect, 2026-12-07). A wait that does not end still fails, only later.
        context.SetDefaultTimeout(30_000);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in on the sign-in page with the test key of <paramref name="role"/>, as a person would type it.</summary>
    protected static async Task SignInAsync(IPage page, string role)
    {
        await page.GotoAsync("/console/sign-in");
        await page.GetByLabel("API key").FillAsync(GatewayFactory.KeyFor(role));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    public override async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
        await base.DisposeAsync();
    }
}
