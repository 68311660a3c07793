using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrivacyLedger.Gateway.OfficerConsole;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests.OfficerConsole;

/// <summary>
/// The console's security without a browser: the session cookie's flags, anti-forgery on every form, who may sign in,
/// every page and action allowed exactly when its matrix row is, and the console and the API not accepting each
/// other's credentials.
/// </summary>
public abstract partial class ConsoleSecurityTests : GatewayTestBase
{
    private static readonly string[] SessionRoles = ["admin", "privacy-officer", "campaign-operator"];

    protected override IReadOnlyDictionary<string, string?> ExtraSettings() => new Dictionary<string, string?>
    {
        ["Auth:ApiKeys:9:Role"] = "metrics",
        ["Auth:ApiKeys:9:Key"] = GatewayFactory.KeyFor("metrics"),
    };

    [Fact]
    public async Task The_session_cookie_is_http_only_strict_same_site_and_secure_over_https_and_the_key_is_never_logged()
    {
        var overHttps = await SignInAsync(Browser(https: true), "privacy-officer");
        var overHttp = await SignInAsync(Browser(https: false), "privacy-officer");

        Assert.Equal(HttpStatusCode.Redirect, overHttps.StatusCode);
        var cookie = SessionCookie(overHttps);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/console", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires", cookie, StringComparison.OrdinalIgnoreCase);
        // Plain HTTP reaches the gateway only from loopback here (the in-process server): the cookie cannot be Secure.
        Assert.DoesNotContain("secure", SessionCookie(overHttp), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Gateway.Logs.Lines, line => line.Contains(GatewayFactory.KeyFor("privacy-officer"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_form_posted_without_its_anti_forgery_token_is_refused_and_changes_nothing()
    {
        var seed = new ConsoleSeed(Gateway);
        var subjectId = await seed.EnrolAsync(ConsoleSeed.Corporate, "contact-person");
        var requestId = await seed.RequestAsync("access", subjectId, daysAgo: 1);
        var officer = Browser();
        await SignInAsync(officer, "privacy-officer");

        using var forged = await officer.PostAsync($"/console/requests/{requestId}?handler=Extend",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["months"] = "1", ["reason"] = "forged" }));
        using var signIn = await Browser().PostAsync("/console/sign-in",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = GatewayFactory.KeyFor("privacy-officer") }));
        var token = await TokenAsync(officer, $"/console/requests/{requestId}");
        using var genuine = await officer.PostAsync($"/console/requests/{requestId}?handler=Extend",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["months"] = "1", ["reason"] = "genuine", ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Null(SessionCookieOrNull(signIn));
        Assert.Equal(HttpStatusCode.Redirect, genuine.StatusCode);
        Assert.Equal("genuine", (await seed.GetAsync(requestId))["extension"]!["reason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("service")]
    [InlineData("marketing")]
    [InlineData("metrics")]
    public async Task A_role_without_the_console_is_refused_at_sign_in_with_a_reason_and_gets_no_session(string role)
    {
        var client = Browser();
        using var refused = await SignInAsync(client, role);
        using var unknown = await SignInAsync(Browser(), "nobody");
        using var queue = await client.GetAsync("/console/queue");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains($"This key&#x27;s role ({role}) may not use the console.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(SessionCookieOrNull(refused));
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
        Assert.Equal("/console/sign-in", SignInPath(queue));
    }

    [Fact]
    public async Task Every_page_and_action_is_allowed_to_a_role_exactly_when_its_matrix_row_is()
    {
        var pages = Gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<CompiledPageActionDescriptor>()))
            .Where(p => p.Page is not null)
            .ToList();
        Assert.NotEmpty(pages);
        var failures = new List<string>();
        foreach (var role in SessionRoles)
        {
            var client = Browser();
            await SignInAsync(client, role);
            var token = await TokenAsync(client, "/console/sign-out");
            foreach (var (endpoint, page) in pages)
            {
                var path = Regex.Replace("/" + endpoint.RoutePattern.RawText!.Trim('/'), "{[^}]+}", "no-such-id");
                var pageAccess = endpoint.Metadata.GetMetadata<ConsoleAccessAttribute>()!;
                var handlers = page!.HandlerMethods.Select(h => (h.HttpMethod, h.Name, Access: h.MethodInfo.GetCustomAttributes(typeof(ConsoleAccessAttribute), false).OfType<ConsoleAccessAttribute>().SingleOrDefault() ?? pageAccess))
                    .DefaultIfEmpty(("GET", null, pageAccess));
                foreach (var (method, name, access) in handlers)
                {
                    var url = name is null ? path : $"{path}?handler={name}";
                    using var request = new HttpRequestMessage(new HttpMethod(method), url);
                    if (method != "GET")
                    {
                        request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
                    }
                    using var response = await client.SendAsync(request);
                    var row = access.Row!;
                    var expected = row.Anonymous || (row.Allows(role) && ConsoleSession.Row.Allows(role));
                    var forbidden = response.StatusCode == HttpStatusCode.Forbidden;
                    if (expected == forbidden || (forbidden && !(await response.Content.ReadAsStringAsync()).Contains("Not allowed", StringComparison.Ordinal)))
                    {
                        failures.Add($"{method} {url} as {role}: {(int)response.StatusCode}, matrix says {(expected ? "allowed" : "forbidden")}");
                    }
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        // The walk covered pages the officer may not open (campaign operator on the queue), so 403s were seen.
        Assert.Contains(pages, p => p.Endpoint.Metadata.GetMetadata<ConsoleAccessAttribute>()!.Row!.Allows("campaign-operator") == false);
    }

    [Fact]
    public async Task The_console_takes_no_API_key_and_the_API_takes_no_console_cookie()
    {
        var officer = Browser();
        await SignInAsync(officer, "privacy-officer");
        var keyOnly = Browser();
        keyOnly.DefaultRequestHeaders.Add("X-Api-Key", GatewayFactory.KeyFor("privacy-officer"));

        using var apiWithCookie = await officer.GetAsync("/v1/requests");
        using var consoleWithKey = await keyOnly.GetAsync("/console/queue");
        using var consoleWithCookie = await officer.GetAsync("/console/queue");

        Assert.Equal(HttpStatusCode.Unauthorized, apiWithCookie.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, consoleWithKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, consoleWithCookie.StatusCode);
    }

    [Fact]
    public async Task A_session_whose_key_is_no_longer_configured_ends()
    {
        // A genuine session ticket, sealed by the gateway's own cookie format, for a key the gateway does not hold.
        var options = Gateway.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(ConsoleSession.Scheme);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "removed"), new Claim(ClaimTypes.Role, "privacy-officer"), new Claim(ConsoleSession.KeyHashClaim, new string('A', 64))],
            ConsoleSession.Scheme);
        var ticket = options.TicketDataFormat.Protect(new AuthenticationTicket(new ClaimsPrincipal(identity), ConsoleSession.Scheme));
        var client = Browser();
        client.DefaultRequestHeaders.Add("Cookie", $"{ConsoleSession.CookieName}={ticket}");

        using var response = await client.GetAsync("/console/queue");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console/sign-in", SignInPath(response));
    }

    private HttpClient Browser(bool https = true) => Gateway.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri(https ? "https://localhost" : "http://localhost"),
    });

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string role)
    {
        var token = await TokenAsync(client, "/console/sign-in");
        return await client.PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["apiKey"] = GatewayFactory.KeyFor(role),
            ["__RequestVerificationToken"] = token,
        }));
    }

    private static async Task<string> TokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return TokenField().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException($"{path} has no anti-forgery token.");
    }

    private static string SignInPath(HttpResponseMessage redirect) => new Uri(new Uri("https://localhost"), redirect.Headers.Location!).AbsolutePath;

    private static string SessionCookie(HttpResponseMessage response) =>
        SessionCookieOrNull(response) ?? throw new InvalidOperationException("No session cookie was set.");

    private static string? SessionCookieOrNull(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(c => c.StartsWith(ConsoleSession.CookieName + "=", StringComparison.Ordinal))
            : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresConsoleSecurityTests(PostgresClusterFixture postgres, ClassGateway shared) : ConsoleSecurityTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteConsoleSecurityTests(ClassGateway shared) : ConsoleSecurityTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
