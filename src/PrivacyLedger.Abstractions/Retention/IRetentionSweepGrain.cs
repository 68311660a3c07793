using Orleans;

namespace PrivacyLedger.Ledger.Retention;

/// <summary>The daily sweep: one grain ("daily") whose durable reminder runs the sweep once a day, on one silo at a time.</summary>
[Alias("retention-sweep")]
public interface IRetentionSweepGrain : IGrainWithStringKey
{
    /// <summary>Makes sure the daily reminder exists (called at every start-up) without moving its next due time.</summary>
    Task EnsureScheduledAsync(TimeSpan interval);

    /// <summary>Runs a sweep now; one at a time, so a manual sweep and the daily one never overlap.</summary>
    Task<SweepReport> SweepNowAsync(string? registerId, bool dryRun, Actor actor);
}
