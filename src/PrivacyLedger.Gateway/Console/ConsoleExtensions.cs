using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.FileProviders;
using PrivacyLedger.Gateway.Security;

namespace PrivacyLedger.Gateway.OfficerConsole;

/// <summary>The privacy officer's console at /console: Razor Pages under Console/Pages, its cookie, its headers and its stylesheet.</summary>
internal static class ConsoleExtensions
{
    public const string PathBase = "/console";

    /// <summary>A session ends this long after sign-in, used or not: a left-open laptop does not stay signed in for days.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ConsoleText>();
        builder.Services.AddRazorPages(options =>
            {
                options.RootDirectory = "/Console/Pages";
                options.Conventions.Add(new ConsoleAccessConvention());
            })
            .AddMvcOptions(options => options.Filters.Add<ConsoleAccessFilter>());
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "pl-console-af";
            options.Cookie.Path = PathBase;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddAuthentication().AddCookie(ConsoleSession.Scheme, options =>
        {
            options.Cookie.Name = ConsoleSession.CookieName;
            options.Cookie.Path = PathBase;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the request came over HTTPS; on plain-HTTP loopback (development, the tests) it cannot be,
            // and signing in over plain HTTP from anywhere else is refused (SignIn page).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = SessionLifetime;
            options.SlidingExpiration = false;
            options.LoginPath = PathBase + "/sign-in";
            options.LogoutPath = PathBase + "/sign-out";
            options.ReturnUrlParameter = "returnUrl";
            options.Events.OnValidatePrincipal = RevalidateAsync;
        });
        return builder;
    }

    /// <summary>Security headers and the stylesheet for /console, then its pages (outside the API's route group).</summary>
    public static WebApplication UseConsole(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(PathBase), console => console.Use(ConsoleHeaders.WriteAsync));
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = PathBase + "/assets",
            FileProvider = new EmbeddedFileProvider(typeof(ConsoleExtensions).Assembly, "PrivacyLedger.Gateway.Console.Assets"),
        });
        return app;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }

    /// <summary>
    /// Every request of a session checks that the key it signed in with is still configured with the same role: a
    /// key removed or given another role ends the sessions opened with it.
    /// </summary>
    private static async Task RevalidateAsync(CookieValidatePrincipalContext context)
    {
        var keys = context.HttpContext.RequestServices.GetRequiredService<ApiKeyRegistry>();
        var hex = context.Principal?.FindFirst(ConsoleSession.KeyHashClaim)?.Value;
        var entry = hex is { Length: SHA256.HashSizeInBytes * 2 } && hex.All(char.IsAsciiHexDigit) ? keys.FindByHash(Convert.FromHexString(hex)) : null;
        if (entry is null || entry.Role != context.Principal!.Role() || !ConsoleSession.Allows(entry.Role))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(ConsoleSession.Scheme);
        }
    }
}
