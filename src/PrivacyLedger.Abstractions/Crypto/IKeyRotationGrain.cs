using Orleans;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// The re-wrap of data keys under the newest master key version: one grain ("cluster"), so one re-wrap per cluster,
/// which a durable reminder picks up again on another silo after a crash.
/// </summary>
[Alias("key-rotation")]
public interface IKeyRotationGrain : IGrainWithStringKey
{
    /// <summary>Starts a re-wrap unless one is running (called by every silo at start-up); returns at once.</summary>
    Task StartAsync();

    /// <summary>How many data keys each version holds, and the re-wrap's progress.</summary>
    Task<KeyRotationStatus> GetStatusAsync();
}
