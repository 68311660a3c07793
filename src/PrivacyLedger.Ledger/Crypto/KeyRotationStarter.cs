using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// At start-up, once the silo is active and before the gateway serves: refuses to start when stored data keys are
/// wrapped under a master key version these settings cannot unwrap (removed or retired too early), naming the setting;
/// otherwise starts the re-wrap when keys under older versions, or in the AES-GCM form, remain. Every silo does it; the grain runs one re-wrap.
/// </summary>
internal sealed partial class KeyRotationStarter(DataKeyVault vault, LedgerKeys keys, IGrainFactory grains, ILogger<KeyRotationStarter> logger) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        // One pass over the stored keys' tags answers both questions: a start-up at millions of people reads them once.
        var counts = await vault.CountAsync(cancellationToken);
        var unreadable = counts.ByVersion.Where(count => count.Value > 0 && !keys.WrappingKeys.ContainsKey(count.Key)).ToList();
        if (unreadable.Count > 0)
        {
            var versions = string.Join(", ", unreadable.Select(count => count.Key == WrappedKey.UnknownVersion ? "an unrecognisable version" : $"version {count.Key}"));
            throw new OptionsValidationException(nameof(LedgerOptions), typeof(LedgerOptions),
            [
                $"Ledger:MasterKeys: {unreadable.Sum(count => count.Value)} stored data keys are wrapped under {versions}, which these settings cannot unwrap (missing or retired). " +
                "Configure that version again until the re-wrap has moved them (GET /v1/keys/rotation shows the counts).",
            ]);
        }
        var older = counts.ToRewrap;
        KeyVersionsFound(logger, keys.NewestVersion, older);
        if (older > 0)
        {
            await grains.GetGrain<IKeyRotationGrain>(KeyRotationGrain.ClusterKey).StartAsync();
        }
    }

    [LoggerMessage(EventId = 2924, Level = LogLevel.Information, Message = "Master key version {Version} wraps new data keys; {Older} data keys are under older versions or in the earlier AES-GCM form")]
    private static partial void KeyVersionsFound(ILogger logger, int version, long older);
}
