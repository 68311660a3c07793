using Microsoft.Extensions.Options;

namespace PrivacyLedger.Gateway.Cluster;

internal static class ClusterExtensions
{
    /// <summary>
    /// <c>Cluster:*</c>, checked at start-up with the other settings (each problem names its key), and the drain on stop.
    /// </summary>
    public static WebApplicationBuilder AddClusterRuntime(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClusterSettings>().Bind(builder.Configuration.GetSection("Cluster"))
            .Validate(settings => settings.DrainDelay >= TimeSpan.Zero && settings.DrainDelay <= ClusterSettings.MaxDrainDelay,
                $"Cluster:DrainDelay must be between 00:00:00 and {ClusterSettings.MaxDrainDelay:c}.")
            .ValidateOnStart();
        builder.Services.AddSingleton<NodeDrain>();
        builder.Services.AddHostedService(services => services.GetRequiredService<NodeDrain>());
        return builder;
    }

    /// <summary>Whether the dashboard is on, read before the host is built (the silo's services depend on it).</summary>
    public static bool DashboardEnabled(this IConfiguration configuration) =>
        configuration.GetSection("Cluster").Get<ClusterSettings>()?.Dashboard ?? new ClusterSettings().Dashboard;
}
