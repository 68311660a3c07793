using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyLedger.Ledger.Registers;
using Orleans;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Hosting;

/// <summary>
/// Loads the register definition files at start-up into the register grains (a new version only where a
/// file changed) and schedules the daily retention sweep. It runs as an Orleans startup task, once the silo is
/// active.
/// </summary>
internal sealed partial class RegisterDefinitionLoader(IGrainFactory grains, IOptions<LedgerOptions> options, ILogger<RegisterDefinitionLoader> logger) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
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
}
