using System.Text.Json.Serialization;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Gateway.Errors;
using PrivacyLedger.Gateway.OpenApi;
using PrivacyLedger.Ledger;

namespace PrivacyLedger.Gateway.Extensions;

internal static class HttpConventions
{
    /// <summary>JSON as the domain writes it, problem+json for every error, a 1 MiB body limit and the OpenAPI document.</summary>
    public static WebApplicationBuilder AddHttpConventions(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            foreach (var converter in LedgerJson.Options.Converters)
            {
                options.SerializerOptions.Converters.Add(converter);
            }
        });
        builder.Services.AddBodyRules();
        builder.Services.AddSingleton<Health.GatewayReadiness>();
        builder.Services.AddProblemDetails();
        // Unreadable bodies surface as exceptions in every environment, so they get the same problem document.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<LedgerExceptionHandler>();
        builder.Services.AddOpenApi(options => options.AddLedgerContract());
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);
        return builder;
    }
}
