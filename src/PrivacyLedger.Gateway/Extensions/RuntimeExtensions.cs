using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Hosting;
using PrivacyLedger.Ledger.Requests;
using PrivacyLedger.Runtime;
using PrivacyLedger.Storage;
using PrivacyLedger.Runtime.Hosting;

namespace PrivacyLedger.Gateway.Extensions;

internal static class RuntimeExtensions
{
    /// <summary>The grain runtime hosting the ledger's grains, configured from <c>Ledger:Runtime</c> (see <see cref="GrainRuntimeOptions"/>).</summary>
    public static WebApplicationBuilder AddLedgerRuntime(this WebApplicationBuilder builder)
    {
        builder.Services.AddGrainRuntime(
            registerGrains: grains => grains.AddLedgerGrains(),
            configure: options => builder.Configuration.GetSection("Ledger:Runtime").Bind(options));
        return builder;
    }

    /// <summary>The ledger domain: <c>Ledger:MasterKey</c> (required) and <c>Ledger:RegistersPath</c>.</summary>
    public static WebApplicationBuilder AddLedgerDomain(this WebApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddLedger(options =>
        {
            builder.Configuration.GetSection("Ledger").Bind(options);
            // A relative folder is relative to the gateway's content root, wherever it was started from.
            options.RegistersPath = string.IsNullOrEmpty(options.RegistersPath) ? "" : Path.GetFullPath(options.RegistersPath, contentRoot);
        });
        builder.Services.AddHttpClient(WebhookNotificationSender.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<INotificationSender, WebhookNotificationSender>();
        return builder;
    }
}
