namespace PrivacyLedger.Gateway.Operations;

internal static class OperationsExtensions
{
    /// <summary>The protocol-neutral operations HTTP/JSON and gRPC both call.</summary>
    public static IServiceCollection AddGatewayOperations(this IServiceCollection services) =>
        services.AddSingleton<RightsRequestOperations>().AddSingleton<CampaignOperations>();
}
