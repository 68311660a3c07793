using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PrivacyLedger.Ledger.Receipts;

public static class ReceiptServiceCollectionExtensions
{
    /// <summary>
    /// Receipts: the signing keys (<paramref name="configure"/> binds <c>Ledger:SigningKeys</c> and <c>Ledger:ReceiptIssuer</c>),
    /// checked when the host starts, the loaded keys, the signer and the request grain's hook.
    /// </summary>
    public static IServiceCollection AddReceipts(this IServiceCollection services, Action<ReceiptSigningOptions> configure)
    {
        services.AddOptions<ReceiptSigningOptions>().Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReceiptSigningOptions>, ReceiptSigningOptionsValidator>();
        services.AddSingleton<ReceiptKeys>();
        services.AddSingleton<ReceiptSigner>();
        services.AddSingleton<ReceiptIssuer>();
        return services;
    }
}
