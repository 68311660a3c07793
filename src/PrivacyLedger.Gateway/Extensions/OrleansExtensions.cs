using System.Net;
using Orleans.Configuration;
using Orleans.Dashboard;
using PrivacyLedger.Gateway.Cluster;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Hosting;
using PrivacyLedger.Ledger.Requests;

namespace PrivacyLedger.Gateway.Extensions;

internal static class OrleansExtensions
{
    /// <summary>
    /// The silo co-hosted in the gateway: the ledger's grains and services on the batched store, the engine's clustering and
    /// reminders (see <see cref="StorageExtensions.AddLedgerStorage"/>), configured from <c>Orleans:*</c> and <c>Ledger:*</c>.
    /// </summary>
    public static WebApplicationBuilder AddLedgerSilo(this WebApplicationBuilder builder, LedgerEngine engine)
    {
        var configuration = builder.Configuration;
        var silo = configuration.GetSection("Orleans").Get<SiloSettings>() ?? new SiloSettings();
        silo.ServiceId ??= configuration["Ledger:ServiceId"] ?? "privacy-ledger";
        silo.Validate();

        builder.UseOrleans(orleans =>
        {
            orleans.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = silo.ClusterId;
                options.ServiceId = silo.ServiceId;
            });
            orleans.Configure<EndpointOptions>(options =>
            {
                options.AdvertisedIPAddress = IPAddress.Parse(silo.AdvertisedIPAddress);
                options.SiloPort = silo.SiloPort;
                options.GatewayPort = silo.GatewayPort;
                // Listen where we advertise: never on other interfaces unless told to.
                options.SiloListeningEndpoint = new IPEndPoint(options.AdvertisedIPAddress, silo.SiloPort);
                options.GatewayListeningEndpoint = silo.GatewayPort == 0 ? null : new IPEndPoint(options.AdvertisedIPAddress, silo.GatewayPort);
            });
            orleans.Configure<ClusterMembershipOptions>(options =>
            {
                options.ProbeTimeout = silo.Membership.ProbeTimeout;
                options.NumMissedProbesLimit = silo.Membership.NumMissedProbesLimit;
                options.NumVotesForDeathDeclaration = silo.Membership.NumVotesForDeathDeclaration;
                options.TableRefreshTimeout = silo.Membership.TableRefreshTimeout;
                options.IAmAliveTablePublishTimeout = silo.Membership.IAmAliveTablePublishTimeout;
                options.DeathVoteExpirationTimeout = silo.Membership.DeathVoteExpirationTimeout;
            });
            engine.ConfigureSilo(orleans, silo);
            if (configuration.DashboardEnabled())
            {
                orleans.AddDashboard();
            }
            orleans.AddLedger(options => BindLedgerOptions(builder, options), storage => configuration.GetSection("Ledger:Storage").Bind(storage));
        });
        builder.Services.AddHttpClient(WebhookNotificationSender.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<INotificationSender, WebhookNotificationSender>();
        return builder;
    }

    /// <summary><c>Ledger:*</c>: the master key (required), the register definitions folder (relative to the content root) and the intervals.</summary>
    private static void BindLedgerOptions(WebApplicationBuilder builder, LedgerOptions options)
    {
        builder.Configuration.GetSection("Ledger").Bind(options);
        options.RegistersPath = string.IsNullOrEmpty(options.RegistersPath) ? "" : Path.GetFullPath(options.RegistersPath, builder.Environment.ContentRootPath);
    }
}
