using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Runtime;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Hosting;

/// <summary>
/// Loads the register definition files at start-up into the register grains (a new version only where a
/// file changed) and schedules the daily retention sweep. Registered after the runtime, so it runs once the
/// runtime is up.
/// </summary>
internal sealed partial class RegisterDefinitionLoader(IGrainFactory grains, IOptions<LedgerOptions> options, ILogger<RegisterDefinitionLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The daily retention sweep is a durable reminder: scheduling it on every start keeps exactly one.
        await grains.GetGrain<Retention.IRetentionSweepGrain>(Retention.RetentionSweepGrain.DailyKey).EnsureScheduledAsync(options.Value.RetentionSweepInterval);
        var folder = options.Value.RegistersPath;
        if (string.IsNullOrWhiteSpace(folder))
        {
            return;
        }
        foreach (var definition in RegisterDefinitionReader.LoadFolder(folder))
        {
            var stored = await grains.GetGrain<IRegisterGrain>(definition.Id).PutAsync(definition, Actor.System);
            LedgerLog.RegisterLoaded(logger, definition.Id, stored.Version, string.Join(",", stored.Flags));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
