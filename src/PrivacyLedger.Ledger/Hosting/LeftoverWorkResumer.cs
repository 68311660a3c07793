using Microsoft.Extensions.Logging;
using PrivacyLedger.Ledger.Campaigns;
using PrivacyLedger.Ledger.Requests;
using Orleans;
using Orleans.Metadata;
using Orleans.Runtime;

namespace PrivacyLedger.Ledger.Hosting;

/// <summary>
/// Once the silo is active, wakes every campaign and rights request that holds a work reminder, so work left
/// over by a restart goes on at once instead of waiting up to <see cref="LedgerOptions.RequestWorkInterval"/> for
/// the reminder's next tick. The reminder table is exactly the list of grains with work left. It runs in the
/// background (start-up is not held up by the work) and stops with the silo; waking a grain twice is harmless,
/// so every silo of a cluster may do it.
/// </summary>
internal sealed partial class LeftoverWorkResumer(IReminderTable reminders, IGrainFactory grains, GrainTypeResolver types, ILogger<LeftoverWorkResumer> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    // Few at a time: a request's wake-up runs its tasks, and the silo has just started serving.
    private const int Parallelism = 8;

    private readonly GrainType _campaign = types.GetGrainType(typeof(CampaignGrain));
    private readonly GrainType _request = types.GetGrainType(typeof(RightsRequestGrain));

    private readonly CancellationTokenSource _stopping = new();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(LeftoverWorkResumer), ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        // Not awaited: start-up does not wait for the work; ResumeAsync logs its own failures.
        _ = Task.Run(() => ResumeAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops waking more grains, without waiting for the calls in flight: a stopping silo ends them, and waiting
    /// would hold the stop up to its time limit. The token source is left to the collector, as those calls may still hold it.
    /// </summary>
    private Task OnStopAsync(CancellationToken cancellationToken) => _stopping.CancelAsync();

    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        try
        {
            // begin = end reads the whole ring.
            var rows = await reminders.ReadRows(0, 0);
            var work = rows.Reminders
                .Where(row => (row.GrainId.Type == _campaign && row.ReminderName == CampaignGrain.ResumeReminder) || row.GrainId.Type == _request)
                .Select(row => row.GrainId)
                .Distinct()
                .ToList();
            var failed = 0;
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (grainId, _) =>
            {
                try
                {
                    await (grainId.Type == _campaign
                        ? grains.GetGrain<ICampaignGrain>(grainId).ResumeWorkAsync()
                        : grains.GetGrain<IRightsRequestGrain>(grainId).ResumeWorkAsync());
                }
#pragma warning disable CA1031 // One grain's failure must not stop the others; its reminder still wakes it later.
                catch (Exception)
#pragma warning restore CA1031
                {
                    Interlocked.Increment(ref failed);
                }
            });
            LeftoverWorkResumed(logger, work.Count(id => id.Type == _campaign), work.Count(id => id.Type == _request), failed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo is stopping; the reminders remain.
        }
#pragma warning disable CA1031 // A background step: the reminders still wake every grain later, so a failure here is logged, not thrown.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LeftoverWorkNotResumed(logger, exception);
        }
    }

    [LoggerMessage(EventId = 2910, Level = LogLevel.Information, Message = "Grains with work left woken at start-up: {Campaigns} campaigns, {Requests} rights requests; {Failed} failed (their reminders wake them later)")]
    private static partial void LeftoverWorkResumed(ILogger logger, int campaigns, int requests, int failed);

    [LoggerMessage(EventId = 2911, Level = LogLevel.Warning, Message = "Grains with work left not woken at start-up; their reminders wake them at their next tick")]
    private static partial void LeftoverWorkNotResumed(ILogger logger, Exception exception);
}
