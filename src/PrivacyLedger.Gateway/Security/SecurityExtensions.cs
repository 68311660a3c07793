using Microsoft.AspNetCore.Authentication;

namespace PrivacyLedger.Gateway.Security;

internal static class SecurityExtensions
{
    /// <summary>API keys authenticate; <see cref="AccessMatrixConvention"/> puts each route's roles on its endpoint.</summary>
    public static WebApplicationBuilder AddApiKeySecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ApiKeyRegistry>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        return builder;
    }
}
