using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace PrivacyLedger.Gateway.Security;

internal static class SecurityExtensions
{
    /// <summary>API keys authenticate; <see cref="AccessMatrixConvention"/> puts each route's roles on its endpoint.</summary>
    public static WebApplicationBuilder AddApiKeySecurity(this WebApplicationBuilder builder)
    {
        // Checked when the host starts: a gateway whose keys cannot work refuses to start, naming the setting.
        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection("Auth")).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        builder.Services.AddSingleton<ApiKeyRegistry>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        return builder;
    }
}
