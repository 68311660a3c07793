using PrivacyLedger.Runtime;
using PrivacyLedger.Runtime.Hosting;

namespace PrivacyLedger.Gateway.Extensions;

internal static class RuntimeExtensions
{
    /// <summary>The grain runtime, configured from the <c>Ledger:Runtime</c> section (see <see cref="GrainRuntimeOptions"/>).</summary>
    public static WebApplicationBuilder AddLedgerRuntime(this WebApplicationBuilder builder)
    {
        builder.Services.AddGrainRuntime(
            registerGrains: _ => { },
            configure: options => builder.Configuration.GetSection("Ledger:Runtime").Bind(options));
        return builder;
    }
}
