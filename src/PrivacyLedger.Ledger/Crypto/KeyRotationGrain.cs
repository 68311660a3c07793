using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// Moves data keys wrapped under older master key versions, or in the earlier AES-GCM form, to the newest version's AES
/// key wrap, a page at a time in key order: each page is read, re-wrapped in memory and swapped in with one
/// compare-and-swap batch, so a key destroyed or changed meanwhile is left alone, and a crash repeats at most one page,
/// re-wrapping nothing twice (a swapped key is in the newest version's key wrap and is skipped). Nothing is persisted but the reminder: after a crash it wakes the grain on a live silo, which starts a
/// pass over. A pass that moved keys is followed by another until one moves none.
/// </summary>
[GrainType("key-rotation")]
public sealed partial class KeyRotationGrain(
    DataKeyVault vault,
    IUniqueIndexStore index,
    KeyRotationMetrics metrics,
    [FromKeyedServices(LedgerClock.Key)] TimeProvider clock,
    ILogger<KeyRotationGrain> logger) : Grain, IKeyRotationGrain, IRemindable
{
    public const string ClusterKey = "cluster";
    private const string ReminderName = "rewrap";
    // Long enough not to matter while the re-wrap runs, short enough that a crash delays it little.
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(10);
    // A page is read, re-wrapped and swapped in one turn: a few hundred keys keep each commit short beside live traffic.
    private const int BatchSize = 500;
    private const int BatchesPerProgressLog = 20;

    private bool _running;
    private string? _cursor;
    private int _batches;
    private long _rewrapped;
    private long _passExamined;
    private long _passRewrapped;
    private long _passUnreadable;
    private DateTimeOffset? _completedAt;

    public async Task StartAsync()
    {
        if (_running)
        {
            return;
        }
        await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
        _running = true;
        BeginPass();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => StartAsync();

    public async Task<KeyRotationStatus> GetStatusAsync()
    {
        var counts = (await vault.CountAsync()).ByVersion;
        return new KeyRotationStatus(vault.NewestVersion, [.. counts.Select(count => new KeyVersionCount(count.Key, count.Value))], _running, _rewrapped, _completedAt);
    }

    private void BeginPass()
    {
        (_cursor, _passExamined, _passRewrapped, _passUnreadable) = (null, 0, 0, 0);
        RewrapStarted(logger, vault.NewestVersion);
        Schedule(TimeSpan.Zero);
    }

    private void Schedule(TimeSpan delay) =>
        this.RegisterGrainTimer(RunBatchAsync, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });

    private async Task RunBatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            var page = await index.ListAsync(UniqueIndexes.DataKeys, _cursor, BatchSize, cancellationToken);
            var replacements = new List<OwnerReplacement>();
            foreach (var entry in page)
            {
                try
                {
                    if (vault.Rewrap(entry.Key, entry.Owner) is { } rewrapped)
                    {
                        replacements.Add(new OwnerReplacement(entry.Key, entry.Owner, rewrapped));
                    }
                }
                catch (Exception exception) when (exception is CryptographicException or FormatException)
                {
                    // A damaged wrapped form stays as it is; it is counted, never logged with its subject.
                    _passUnreadable++;
                }
            }
            var changed = replacements.Count == 0 ? 0 : (await index.ReplaceOwnersAsync(UniqueIndexes.DataKeys, replacements, cancellationToken)).Count;
            metrics.BatchDone(page.Count, changed);
            (_passExamined, _passRewrapped, _rewrapped) = (_passExamined + page.Count, _passRewrapped + changed, _rewrapped + changed);
            if (page.Count == BatchSize)
            {
                _cursor = page[^1].Key;
                if (++_batches % BatchesPerProgressLog == 0)
                {
                    RewrapProgress(logger, _passExamined, _passRewrapped, vault.NewestVersion);
                }
                Schedule(TimeSpan.Zero);
                return;
            }
            await EndPassAsync(cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The page is tried again; what it swapped already is the newest version now and is skipped.
            RewrapBatchFailed(logger, exception);
            Schedule(RetryDelay);
        }
    }

    private async Task EndPassAsync(CancellationToken cancellationToken)
    {
        var left = (await vault.CountAsync(cancellationToken)).ToRewrap;
        RewrapPassDone(logger, _passExamined, _passRewrapped, _passUnreadable, left, vault.NewestVersion);
        if (left > 0 && _passRewrapped > 0)
        {
            // Keys wrapped under an older version meanwhile (a node still on older settings): go over them again.
            BeginPass();
            return;
        }
        _running = false;
        _completedAt = clock.GetUtcNow();
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    [LoggerMessage(EventId = 2920, Level = LogLevel.Information, Message = "Master key re-wrap: a pass over the data keys begins, moving older versions to version {Version}")]
    private static partial void RewrapStarted(ILogger logger, int version);

    [LoggerMessage(EventId = 2921, Level = LogLevel.Information, Message = "Master key re-wrap: {Examined} data keys examined in this pass, {Rewrapped} moved to version {Version}")]
    private static partial void RewrapProgress(ILogger logger, long examined, long rewrapped, int version);

    [LoggerMessage(EventId = 2922, Level = LogLevel.Information, Message = "Master key re-wrap: pass done, {Examined} data keys examined, {Rewrapped} moved to version {Version}, {Unreadable} unreadable; {Left} left under older versions or forms")]
    private static partial void RewrapPassDone(ILogger logger, long examined, long rewrapped, long unreadable, long left, int version);

    [LoggerMessage(EventId = 2923, Level = LogLevel.Warning, Message = "Master key re-wrap: a batch failed; it is tried again shortly")]
    private static partial void RewrapBatchFailed(ILogger logger, Exception exception);
}
