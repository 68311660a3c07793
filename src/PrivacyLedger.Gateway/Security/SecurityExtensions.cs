using Microsoft.AspNetCore.Authentication;

namespace PrivacyLedger.Gateway.Security;

internal static class SecurityExtensions
{
    public static WebApplicationBuilder AddApiKeySecurity(this WebApplicationBuilder builder)
    {
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
