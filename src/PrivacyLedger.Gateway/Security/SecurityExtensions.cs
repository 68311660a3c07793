using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace PrivacyLedger.Gateway.Security;

internal static class SecurityExtensions
{
    public static WebApplicationBuilder AddApiKeySecurity(this WebApplicationBuilder builder)
    {
        // Checked when the host starts: a gateway whose keys cannot work refuses to start, naming the setting.
        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection("Auth")).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        builder.Services.AddSingleton<ApiKeyRegistry>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var (right, roles) in Rights.Holders)
        {
            authorization.AddPolicy(right, policy => policy.RequireAuthenticatedUser().RequireRole(roles));
        }
        return builder;
    }
}
