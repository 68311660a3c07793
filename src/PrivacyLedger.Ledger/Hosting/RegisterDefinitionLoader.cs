using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyLedger.Ledger.Registers;
using Orleans;
using Orleans.Storage;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Hosting;

/// <summary>
/// Loads the register definition files at start-up into the register grains (a new version only where a
/// file changed) and schedules the daily retention sweep. It runs as an Orleans startup task, once the silo is
/// active.
/// </summary>
internal sealed partial class RegisterDefinitionLoader(IGrainFactory grains, IOptions<LedgerOptions> options, ILogger<RegisterDefinitionLoader> logger) : IStartupTask
{
    // Nodes starting together may briefly activate the same grain twice while the directory settles: the second write
    // is then rejected as a conflict and Orleans drops that activation. The work is idempotent, so it runs again on
    // the surviving state rather than failing the node's start.
    private const int Attempts = 5;

    public async Task Execute(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await LoadAsync();
                return;
            }
            catch (InconsistentStateException) when (attempt < Attempts && !cancellationToken.IsCancellationRequested)
            {
                LedgerLog.StartupLoadConflict(logger, attempt);
            }
        }
    }

    private async Task LoadAsync()
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
